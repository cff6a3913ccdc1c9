using System.Globalization;
using System.Text;
using Pace.Applicants;
using Pace.Identity;

namespace Pace.Data.Seed;

internal sealed partial class DemoDataGenerator
{
    private static readonly string[] UaeMobilePrefixes = ["50", "52", "54", "55", "56", "58"];

    private static readonly string[] Employers =
        ["emiratesnbd", "dubaiholding", "deloitte", "pwc", "hsbc", "emirates", "microsoft", "oracle", "jumeirah", "majidalfuttaim", "dpworld", "accenture"];

    private readonly Dictionary<string, OriginData> _origins;
    private readonly WeightedPicker<NationalityData> _nationalities;
    private readonly Dictionary<string, WeightedPicker<NationalityData>> _nationalitiesByOrigin;
    private readonly Dictionary<string, WeightedPicker<string>> _languagesByOrigin = new(StringComparer.Ordinal);
    private readonly WeightedPicker<OriginData> _staffOrigins;
    private readonly WeightedPicker<string> _emailDomains;
    private readonly HashSet<string> _emails = new(StringComparer.Ordinal);
    private readonly HashSet<string> _brokerNumbers = new(StringComparer.Ordinal);
    private readonly List<TeamInfo> _teams = [];
    private readonly List<StaffMember> _staff = [];
    private StaffMember _admin = null!;
    private long _uaeSequence;

    /// <summary>
    /// The teams of the five areas (<see cref="DemoDataSize.TeamsPerArea"/> each) with a manager each, their agents, and one
    /// admin; the fixed accounts of <see cref="DemoAccounts"/>.
    /// </summary>
    public (IReadOnlyList<Team> Teams, IReadOnlyList<User> Users) GenerateStaff()
    {
        foreach (var name in _communities.Select(c => c.Data.Team).Distinct(StringComparer.Ordinal))
        {
            var at = _goLive.AddMinutes(_teams.Count);
            var team = new TeamInfo(new Team { Id = NewId(at), Name = name, CreatedAt = at, UpdatedAt = at });
            team.Communities.AddRange(_communities.Where(c => c.Data.Team == name));
            foreach (var community in team.Communities)
            {
                community.Team = team;
            }

            _teams.Add(team);
        }

        if (_teams.All(t => t.Team.Name != DemoAccounts.MarinaTeam) || _teams.All(t => t.Team.Name != DemoAccounts.DowntownTeam))
        {
            throw new InvalidOperationException("dubai.json must have communities of the Marina and Downtown teams.");
        }

        _admin = AddStaff(UserRole.Admin, null, null, ("Noura", "Al Marri"), DemoAccounts.Admin, joinedAtGoLive: true);
        foreach (var area in _teams)
        {
            var marina = area.Team.Name == DemoAccounts.MarinaTeam;
            var downtown = area.Team.Name == DemoAccounts.DowntownTeam;
            for (var t = 0; t < _size.TeamsPerArea; t++)
            {
                // The first team of an area carries its name (and the fixed accounts); the others are numbered after it.
                var at = area.Team.CreatedAt.AddSeconds(t);
                var team = t == 0 ? area.Team : new Team { Id = NewId(at), Name = $"{area.Team.Name} {t + 1}", CreatedAt = at, UpdatedAt = at };
                area.Teams.Add(team);
                var manager = marina && t == 0
                    ? AddStaff(UserRole.Manager, area, team, ("Daniel", "Carter"), DemoAccounts.Manager, joinedAtGoLive: true)
                    : AddStaff(UserRole.Manager, area, team, null, null, joinedAtGoLive: true);
                team.ManagerId = manager.User.Id;
                manager.Manager = manager;
                manager.LeadWeight = 0.35;
                manager.ListingWeight = 0.5;
                for (var i = 0; i < _size.AgentsPerTeam; i++)
                {
                    var member = (marina, downtown, t + i) switch
                    {
                        (true, _, 0) => AddStaff(UserRole.Agent, area, team, ("Sophie", "Bennett"), DemoAccounts.Agent, joinedAtGoLive: true),
                        (_, true, 0) => AddStaff(UserRole.Agent, area, team, ("Omar", "Haddad"), DemoAccounts.Agent2, joinedAtGoLive: true),
                        _ => AddStaff(UserRole.Agent, area, team, null, null, joinedAtGoLive: Chance(0.6)),
                    };
                    var isFixed = t + i == 0 && (marina || downtown);
                    member.Manager = manager;
                    member.LeadWeight = isFixed ? 1.8 : 1;
                    member.ListingWeight = isFixed ? 1.6 : 1;
                }
            }
        }

        // One agent left last month: the account stays (their history would point at it) but is switched off.
        if (_size.AgentsPerTeam >= 2)
        {
            Deactivate(_teams[^1].Members[^1]);
        }

        foreach (var team in _teams)
        {
            team.LeadPicker = new WeightedPicker<StaffMember>(team.Members.Select(m => (m, m.LeadWeight)));
            team.ListingPicker = new WeightedPicker<StaffMember>(team.Members.Select(m => (m, m.ListingWeight)));
        }

        return (_teams.SelectMany(t => t.Teams).ToList(), _staff.Select(s => s.User).ToList());
    }

    private void Deactivate(StaffMember leaver)
    {
        leaver.User.IsActive = false;
        leaver.User.DeactivatedAt = Max(DaysAgo(15, 30), Min(leaver.User.CreatedAt.AddDays(10), _now));
        leaver.User.UpdatedAt = leaver.User.DeactivatedAt.Value;
        leaver.User.LastSignInAt = leaver.User.DeactivatedAt.Value.AddDays(-1);
        leaver.LeadWeight = 0;
        leaver.ListingWeight = 0;
    }

    private StaffMember AddStaff(UserRole role, TeamInfo? area, Team? team, (string First, string Last)? name, string? email, bool joinedAtGoLive)
    {
        string first, last;
        if (name is { } fixedName)
        {
            (first, last) = fixedName;
        }
        else
        {
            do
            {
                var origin = _staffOrigins.Pick(_random);
                var female = Chance(0.4);
                first = Pick(female ? origin.Female : origin.Male);
                last = LastName(origin, female);
                email = $"{Ascii(first)}.{Ascii(last)}@{StaffDomain}";
            }
            while (_emails.Contains(email));
        }

        _emails.Add(email!);
        var created = joinedAtGoLive ? _goLive.AddMinutes(10 + _staff.Count) : DaysAgo(20, 300);
        var index = _staff.Count;
        var user = new User
        {
            Id = NewId(created),
            Email = email!,
            DisplayName = $"{first} {last}",
            Role = role,
            TeamId = team?.Id,
            Phone = UaeMobile(9_000_000 + index, index % 2 == 0 ? "50" : "55"),
            IsActive = true,
            LastSignInAt = DaysAgo(0.01, 3),
            CreatedAt = created,
            UpdatedAt = Between(created, _now),
        };
        if (role != UserRole.Admin)
        {
            string brn;
            do
            {
                brn = Next(10000, 99999).ToString(CultureInfo.InvariantCulture);
            }
            while (!_brokerNumbers.Add(brn));

            user.BrokerRegistrationNumber = brn;
            // RERA broker cards are renewed yearly; a few are about to lapse or have lapsed, as in any brokerage.
            user.BrokerRegistrationExpiresOn = name is not null
                ? _today.AddDays(Next(120, 300))
                : index % 13 == 5 ? _today.AddDays(Next(-20, 25)) : _today.AddDays(Next(20, 360));
        }

        var member = new StaffMember(user, first, index) { Team = area };
        _staff.Add(member);
        area?.Members.Add(member);
        return member;
    }

    private Person NewPerson(NationalityData? nationality = null)
    {
        nationality ??= _nationalities.Pick(_random);
        var origin = _origins[nationality.Origin];
        var female = Chance(0.42);
        var first = Pick(female ? origin.Female : origin.Male);
        return new Person(first, LastName(origin, female), female, nationality, origin, LanguageOf(origin));
    }

    private string LastName(OriginData origin, bool female)
    {
        var last = Pick(origin.Last);
        var bar = last.IndexOf('|', StringComparison.Ordinal);
        return bar < 0 ? last : female ? last[(bar + 1)..] : last[..bar];
    }

    private string LanguageOf(OriginData origin)
    {
        if (!_languagesByOrigin.TryGetValue(origin.Code, out var picker))
        {
            picker = new WeightedPicker<string>(origin.Languages.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => (l.Key, l.Value)));
            _languagesByOrigin[origin.Code] = picker;
        }

        return picker.Pick(_random);
    }

    /// <summary>
    /// A UAE mobile, distinct for every <paramref name="sequence"/> below ten million per prefix: the seven digits are
    /// the sequence scrambled by a multiplier co-prime with 10^7, so numbers look random but never collide.
    /// </summary>
    private static string UaeMobile(long sequence, string prefix)
    {
        var digits = (sequence * 7_368_787 + 1_234_567) % 10_000_000;
        return string.Create(CultureInfo.InvariantCulture, $"+971{prefix}{digits:D7}");
    }

    private string NextUaeMobile()
    {
        var n = _uaeSequence++;
        return UaeMobile(n / UaeMobilePrefixes.Length, UaeMobilePrefixes[n % UaeMobilePrefixes.Length]);
    }

    private string ForeignMobile(PhoneFormat format) =>
        "+" + format.Country + format.Prefix + Digits(format.Length - format.Prefix.Length);

    private string NewEmail(Person person)
    {
        var first = Ascii(person.FirstName);
        var last = Ascii(person.LastName);
        var local = Next(0, 6) switch
        {
            0 or 1 => $"{first}.{last}",
            2 => $"{first}{last}",
            3 => $"{first[0]}{last}",
            4 => string.Create(CultureInfo.InvariantCulture, $"{first}.{last}{Next(1, 99)}"),
            5 => string.Create(CultureInfo.InvariantCulture, $"{first}{Next(1970, 2002)}"),
            _ => $"{first}_{last}",
        };
        var domain = person.Origin.EmailDomains.Count > 0 && Chance(0.3) ? Pick(person.Origin.EmailDomains) : _emailDomains.Pick(_random);
        var address = $"{local}@{domain}";
        if (!_emails.Add(address))
        {
            address = string.Create(CultureInfo.InvariantCulture, $"{first}.{last}.{_emails.Count}@{domain}");
            _emails.Add(address);
        }

        return address;
    }

    private string WorkEmail(Person person)
    {
        var address = $"{Ascii(person.FirstName)}.{Ascii(person.LastName)}@{Pick(Employers)}.example";
        if (!_emails.Add(address))
        {
            address = string.Create(CultureInfo.InvariantCulture, $"{Ascii(person.FirstName)}.{Ascii(person.LastName)}{_emails.Count}@{Pick(Employers)}.example");
            _emails.Add(address);
        }

        return address;
    }

    /// <summary>Phones, emails and consents of a new contact record.</summary>
    private void AddContactDetails(DemoBatch batch, Applicant applicant, Person person, LeadSource source, StaffMember? agent)
    {
        var created = applicant.CreatedAt;
        var uaeResident = person.Nationality.Code == "AE" || Chance(0.82);
        var primary = uaeResident ? NextUaeMobile() : ForeignMobile(person.Nationality.Phone);
        batch.Phones.Add(new ApplicantPhone
        {
            Id = NewId(created),
            ApplicantId = applicant.Id,
            Number = primary,
            Label = "mobile",
            IsPrimary = true,
            IsWhatsApp = Chance(0.88),
            CreatedAt = created,
            UpdatedAt = created,
        });
        if (Chance(0.12))
        {
            var at = Between(created, _now);
            var home = uaeResident && person.Nationality.Code != "AE";
            batch.Phones.Add(new ApplicantPhone
            {
                Id = NewId(at),
                ApplicantId = applicant.Id,
                Number = home ? ForeignMobile(person.Nationality.Phone) : NextUaeMobile(),
                Label = home ? "home country" : "work",
                IsPrimary = false,
                IsWhatsApp = home && Chance(0.7),
                CreatedAt = at,
                UpdatedAt = at,
            });
        }

        var hasEmail = source is LeadSource.Email or LeadSource.Website or LeadSource.PropertyFinder or LeadSource.Bayut || Chance(0.85);
        if (hasEmail)
        {
            batch.Emails.Add(new ApplicantEmail { Id = NewId(created), ApplicantId = applicant.Id, Address = NewEmail(person), IsPrimary = true, CreatedAt = created, UpdatedAt = created });
            if (Chance(0.05))
            {
                var at = Between(created, _now);
                batch.Emails.Add(new ApplicantEmail { Id = NewId(at), ApplicantId = applicant.Id, Address = WorkEmail(person), IsPrimary = false, CreatedAt = at, UpdatedAt = at });
            }
        }

        var consentSource = source switch
        {
            LeadSource.PropertyFinder => "property_finder_enquiry",
            LeadSource.Bayut or LeadSource.Dubizzle => "portal_enquiry",
            LeadSource.Website => "website_form",
            LeadSource.WhatsApp => "whatsapp_message",
            LeadSource.Salesforce => "import",
            _ => "verbal",
        };
        void AddConsent(ConsentChannel channel, bool granted, string how, DateTimeOffset at, Guid? by) =>
            batch.Consents.Add(new Consent { ApplicantId = applicant.Id, Channel = channel, Granted = granted, Source = how, RecordedAt = at, RecordedById = by });

        var verbalBy = consentSource == "verbal" ? agent?.User.Id : null;
        AddConsent(ConsentChannel.Phone, !Chance(0.03), consentSource, created, verbalBy);
        if (hasEmail && Chance(0.92))
        {
            AddConsent(ConsentChannel.Email, !Chance(0.06), consentSource, created, verbalBy);
        }

        if (Chance(0.8))
        {
            // Some people reply STOP on WhatsApp after a while: the consent is withdrawn later than it was given.
            var stop = Chance(0.07);
            AddConsent(ConsentChannel.WhatsApp, !stop, stop ? "whatsapp_reply_stop" : consentSource, stop ? Between(created, _now) : created, stop ? null : verbalBy);
        }

        if (Chance(0.45))
        {
            AddConsent(ConsentChannel.Sms, !Chance(0.08), consentSource, created, verbalBy);
        }
    }

    /// <summary>Lower-case ASCII letters only: <c>D'Souza</c> → <c>dsouza</c>, <c>Al Marri</c> → <c>almarri</c>.</summary>
    internal static string Ascii(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }
}
