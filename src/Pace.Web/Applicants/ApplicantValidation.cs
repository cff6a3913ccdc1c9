using Microsoft.EntityFrameworkCore;
using Pace.Applicants;
using Pace.Common;
using Pace.Data;
using Pace.Reference;

namespace Pace.Web.Applicants;

/// <summary>
/// Checks what a caller sends about an applicant and turns it into clean values: trimmed names, E.164 phones,
/// lower-case emails, known reference codes and locations. Each problem is a message keyed by the JSON field.
/// </summary>
internal sealed class ApplicantValidation(PaceDbContext db)
{
    public const int MaxPhones = 10;
    public const int MaxEmails = 10;
    public const int MaxTags = 30;
    public const int MaxRequirements = 10;

    /// <summary>A budget above 100 billion AED is a typing mistake, not a client.</summary>
    public const long MaxBudgetMinor = 10_000_000_000_000;

    public Dictionary<string, string[]> Errors { get; } = new(StringComparer.Ordinal);

    public bool IsValid => Errors.Count == 0;

    public string Name(string field, string? value, bool required, int max = 100)
    {
        var name = value?.Trim() ?? "";
        if (required && name.Length == 0)
        {
            Errors[field] = [$"{field} is required."];
        }
        else if (name.Length > max)
        {
            Errors[field] = [$"{field} must be at most {max} characters."];
        }

        return name;
    }

    public string? Text(string field, string? value, int max)
    {
        var text = value?.Trim();
        if (text is { Length: > 0 } && text.Length > max)
        {
            Errors[field] = [$"{field} must be at most {max} characters."];
        }

        return string.IsNullOrEmpty(text) ? null : text;
    }

    public string? Nationality(string? value)
    {
        var code = value?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }

        if (code.Length != 2 || !code.All(char.IsAsciiLetterUpper))
        {
            Errors["nationality"] = ["nationality must be an ISO 3166-1 alpha-2 country code, e.g. AE or GB."];
        }

        return code;
    }

    public string? Language(string? value)
    {
        var code = value?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }

        if (code.Length is < 2 or > 8 || !code.All(c => char.IsAsciiLetterLower(c) || c == '-'))
        {
            Errors["language"] = ["language must be an ISO 639-1 code, e.g. en or ar."];
        }

        return code;
    }

    public string[] Tags(string[]? values)
    {
        var tags = (values ?? []).Select(t => t?.Trim().ToLowerInvariant() ?? "").Distinct(StringComparer.Ordinal).ToArray();
        if (tags.Length > MaxTags)
        {
            Errors["tags"] = [$"At most {MaxTags} tags."];
        }
        else if (tags.Any(t => t.Length is 0 or > 40))
        {
            Errors["tags"] = ["Each tag must be 1 to 40 characters."];
        }

        return tags;
    }

    /// <summary>Phones in E.164, the first marked primary when none is; the same number twice is one phone.</summary>
    public List<ApplicantPhone> Phones(PhoneInput?[]? values)
    {
        var phones = new List<ApplicantPhone>();
        var inputs = values ?? [];
        if (inputs.Length > MaxPhones)
        {
            Errors["phones"] = [$"At most {MaxPhones} phone numbers."];
            return phones;
        }

        for (var i = 0; i < inputs.Length; i++)
        {
            var input = inputs[i];
            if (input is null || !PhoneNumber.TryParse(input.Number, out var number))
            {
                Errors[$"phones[{i}].number"] = ["Not a phone number: use the international form (+971501234567) or a UAE number (050 123 4567)."];
                continue;
            }

            var label = Text($"phones[{i}].label", input.Label, 32);
            if (phones.Any(p => p.Number == number.Value))
            {
                continue;
            }

            phones.Add(new ApplicantPhone { Number = number.Value, Label = label, IsPrimary = input.IsPrimary ?? false, IsWhatsApp = input.IsWhatsApp ?? false });
        }

        MarkPrimary(phones, p => p.IsPrimary, (p, v) => p.IsPrimary = v);
        return phones;
    }

    public List<ApplicantEmail> Emails(string?[]? values)
    {
        var emails = new List<ApplicantEmail>();
        var inputs = values ?? [];
        if (inputs.Length > MaxEmails)
        {
            Errors["emails"] = [$"At most {MaxEmails} email addresses."];
            return emails;
        }

        for (var i = 0; i < inputs.Length; i++)
        {
            var address = inputs[i]?.Trim().ToLowerInvariant() ?? "";
            var at = address.IndexOf('@', StringComparison.Ordinal);
            if (address.Length is 0 or > 320 || at <= 0 || at != address.LastIndexOf('@') || at == address.Length - 1
                || !address[(at + 1)..].Contains('.', StringComparison.Ordinal) || address.Any(char.IsWhiteSpace))
            {
                Errors[$"emails[{i}]"] = ["Not an email address."];
            }
            else if (emails.All(e => e.Address != address))
            {
                emails.Add(new ApplicantEmail { Address = address, IsPrimary = emails.Count == 0 });
            }
        }

        return emails;
    }

    public List<Consent> Consents(ConsentInput?[]? values, Guid? recordedBy, DateTimeOffset now)
    {
        var consents = new List<Consent>();
        var inputs = values ?? [];
        for (var i = 0; i < inputs.Length; i++)
        {
            var input = inputs[i];
            if (input?.Channel is not { } channel || !Enum.IsDefined(channel))
            {
                Errors[$"consents[{i}].channel"] = ["channel is required: email, phone, sms or whatsapp."];
                continue;
            }

            if (input.Granted is not { } granted)
            {
                Errors[$"consents[{i}].granted"] = ["granted is required (true or false)."];
                continue;
            }

            if (consents.Any(c => c.Channel == channel))
            {
                Errors[$"consents[{i}].channel"] = [$"The channel {channel} is given twice."];
                continue;
            }

            consents.Add(new Consent
            {
                Channel = channel,
                Granted = granted,
                Source = Text($"consents[{i}].source", input.Source, 64),
                RecordedAt = now,
                RecordedById = recordedBy,
            });
        }

        return consents;
    }

    public async Task<List<Requirement>> RequirementsAsync(RequirementInput?[]? values, CancellationToken cancellationToken)
    {
        var inputs = values ?? [];
        if (inputs.Length > MaxRequirements)
        {
            Errors["requirements"] = [$"At most {MaxRequirements} requirements."];
            return [];
        }

        var requirements = new List<Requirement>();
        for (var i = 0; i < inputs.Length; i++)
        {
            var requirement = new Requirement();
            if (await RequirementAsync($"requirements[{i}].", inputs[i], requirement, cancellationToken))
            {
                requirements.Add(requirement);
            }
        }

        return requirements;
    }

    /// <summary>Checks <paramref name="input"/> and writes it over <paramref name="target"/>; false when it had errors.</summary>
    public async Task<bool> RequirementAsync(string prefix, RequirementInput? input, Requirement target, CancellationToken cancellationToken)
    {
        var before = Errors.Count;
        if (input is null)
        {
            Errors[prefix.TrimEnd('.')] = ["A requirement is required."];
            return false;
        }

        if (input.Purpose is not { } purpose || !Enum.IsDefined(purpose))
        {
            Errors[prefix + "purpose"] = ["purpose is required: sale or rent."];
        }
        else
        {
            target.Purpose = purpose;
        }

        target.Category = input.Category ?? Pace.Listings.PropertyCategory.Residential;
        target.PropertyTypes = await ReferenceCodesAsync(prefix + "propertyTypes", ReferenceKind.PropertyType, input.PropertyTypes, cancellationToken);
        target.LocationIds = await LocationsAsync(prefix + "locationIds", input.LocationIds, cancellationToken);
        target.BedroomsMin = Range(prefix + "bedroomsMin", input.BedroomsMin, (short)0, (short)20);
        target.BedroomsMax = Range(prefix + "bedroomsMax", input.BedroomsMax, (short)0, (short)20);
        Ordered(prefix + "bedroomsMax", target.BedroomsMin, target.BedroomsMax, "bedroomsMin");
        target.BathroomsMin = Range(prefix + "bathroomsMin", input.BathroomsMin, (short)0, (short)20);
        target.BudgetMin = Range(prefix + "budgetMin", input.BudgetMin, 0L, MaxBudgetMinor);
        target.BudgetMax = Range(prefix + "budgetMax", input.BudgetMax, 0L, MaxBudgetMinor);
        Ordered(prefix + "budgetMax", target.BudgetMin, target.BudgetMax, "budgetMin");
        target.SizeMinSqft = Range(prefix + "sizeMinSqft", input.SizeMinSqft, 0m, 10_000_000m);
        target.SizeMaxSqft = Range(prefix + "sizeMaxSqft", input.SizeMaxSqft, 0m, 10_000_000m);
        Ordered(prefix + "sizeMaxSqft", target.SizeMinSqft, target.SizeMaxSqft, "sizeMinSqft");
        target.MoveInBy = input.MoveInBy;
        target.Furnishing = input.Furnishing;
        target.CompletionStatus = input.CompletionStatus;
        target.IsActive = input.IsActive ?? true;
        target.Notes = Text(prefix + "notes", input.Notes, 2000);
        target.Currency = Money.Aed;
        return Errors.Count == before;
    }

    /// <summary>A lost_reason reference code; null when absent.</summary>
    public async Task<string?> LostReasonAsync(string? value, CancellationToken cancellationToken)
    {
        var code = value?.Trim();
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }

        var known = await db.ReferenceValues.AnyAsync(r => r.Kind == ReferenceKind.LostReason && r.Code == code && r.IsActive, cancellationToken);
        if (!known)
        {
            var codes = await db.ReferenceValues.Where(r => r.Kind == ReferenceKind.LostReason && r.IsActive)
                .OrderBy(r => r.SortOrder).Select(r => r.Code).ToListAsync(cancellationToken);
            Errors["lostReason"] = [$"lostReason must be one of: {string.Join(", ", codes)}."];
        }

        return code;
    }

    private async Task<string[]> ReferenceCodesAsync(string field, ReferenceKind kind, string[]? values, CancellationToken cancellationToken)
    {
        var codes = (values ?? []).Select(v => v?.Trim().ToLowerInvariant() ?? "").Distinct(StringComparer.Ordinal).ToArray();
        if (codes.Length == 0)
        {
            return codes;
        }

        if (codes.Length > 20 || codes.Any(c => c.Length is 0 or > 64))
        {
            Errors[field] = ["At most 20 codes of 1 to 64 characters."];
            return codes;
        }

        var known = await db.ReferenceValues.Where(r => r.Kind == kind && codes.Contains(r.Code)).Select(r => r.Code).ToListAsync(cancellationToken);
        var unknown = codes.Except(known, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            Errors[field] = [$"Unknown code(s): {string.Join(", ", unknown)}."];
        }

        return codes;
    }

    private async Task<Guid[]> LocationsAsync(string field, Guid[]? values, CancellationToken cancellationToken)
    {
        var ids = (values ?? []).Distinct().ToArray();
        if (ids.Length > 50)
        {
            Errors[field] = ["At most 50 locations."];
            return ids;
        }

        if (ids.Length > 0)
        {
            var known = await db.Locations.Where(l => ids.Contains(l.Id)).Select(l => l.Id).ToListAsync(cancellationToken);
            var unknown = ids.Except(known).ToList();
            if (unknown.Count > 0)
            {
                Errors[field] = [$"Unknown location(s): {string.Join(", ", unknown)}."];
            }
        }

        return ids;
    }

    private T? Range<T>(string field, T? value, T min, T max)
        where T : struct, IComparable<T>
    {
        if (value is { } v && (v.CompareTo(min) < 0 || v.CompareTo(max) > 0))
        {
            Errors[field] = [$"{field[(field.LastIndexOf('.') + 1)..]} must be between {min} and {max}."];
        }

        return value;
    }

    private void Ordered<T>(string field, T? min, T? max, string minName)
        where T : struct, IComparable<T>
    {
        if (min is { } lo && max is { } hi && hi.CompareTo(lo) < 0 && !Errors.ContainsKey(field))
        {
            Errors[field] = [$"{field[(field.LastIndexOf('.') + 1)..]} must not be less than {minName}."];
        }
    }

    private static void MarkPrimary<T>(List<T> items, Func<T, bool> isPrimary, Action<T, bool> set)
    {
        var primary = items.FindIndex(i => isPrimary(i));
        for (var i = 0; i < items.Count; i++)
        {
            set(items[i], i == (primary < 0 ? 0 : primary));
        }
    }
}
