using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Pace.Sandbox.Google;

public sealed record SandboxUser(
    string Id,
    string PrimaryEmail,
    string GivenName,
    string FamilyName,
    string FullName,
    string OrgUnitPath,
    string? Title,
    string? Department,
    bool IsAdmin,
    bool Suspended,
    bool Deleted,
    DateTimeOffset CreationTime,
    DateTimeOffset? LastLoginTime,
    DateTimeOffset? DeletionTime)
{
    public static SandboxUser From(DirectoryEntry e) => new(
        e.Id, e.Email, e.User.GivenName, e.User.FamilyName, e.User.FullName, e.User.OrgUnitPath, e.User.Title, e.User.Department,
        e.User.IsAdmin, e.User.Suspended, e.Deleted, e.CreationTime, e.LastLoginTime, e.DeletionTime);
}

public sealed record SandboxUsers(IReadOnlyList<SandboxUser> Users);

public sealed record AddSandboxUser(
    string? PrimaryEmail,
    string? GivenName,
    string? FamilyName,
    string? OrgUnitPath,
    string? Title,
    string? Department,
    bool IsAdmin,
    bool Suspended);

public sealed record SandboxIssued(IReadOnlyList<IssuedCredential> Issued);

public sealed record SandboxKeys(string CurrentKeyId, string PreviousKeyId, DateTimeOffset NextRotation);

public sealed record SandboxOverview(
    string Issuer,
    string Discovery,
    IReadOnlyList<string> WorkspaceDomains,
    IReadOnlyList<string> Clients,
    IReadOnlyList<string> ServiceAccounts,
    string ServiceAccountKeyFile,
    int Users);

/// <summary>
/// The twin's own surface under <c>/google/_sandbox</c>, for tests and for a person giving a demo: the directory
/// (list, add, suspend, restore, delete), what was issued (never the credentials), key rotation, the demo service
/// account's key file, and the sign-in page's assets and avatar pictures.
/// </summary>
public static class SandboxControlApi
{
    public static RouteGroupBuilder MapSandboxControlApi(this RouteGroupBuilder google)
    {
        var sandbox = google.MapGroup("/_sandbox").ExcludeFromDescription();
        sandbox.MapGet("/", Overview);
        sandbox.MapGet("/users", Users);
        sandbox.MapGet("/users/{email}", User);
        sandbox.MapPost("/users", AddUser);
        sandbox.MapPost("/users/{email}/suspend", (string email, WorkspaceDirectory d, ILoggerFactory l) => Suspend(email, true, d, l));
        sandbox.MapPost("/users/{email}/restore", (string email, WorkspaceDirectory d, ILoggerFactory l) => Suspend(email, false, d, l));
        sandbox.MapDelete("/users/{email}", DeleteUser);
        sandbox.MapGet("/issued", (GrantStore grants) => TypedResults.Ok(new SandboxIssued(grants.Issued())));
        sandbox.MapPost("/rotate-keys", RotateKeys);
        sandbox.MapGet("/service-account.json", ServiceAccountKey);
        sandbox.MapGet("/assets/{name}", Asset);
        sandbox.MapGet("/photos/{subject}/{initials}.svg", Photo);
        return google;
    }

    private static Ok<SandboxOverview> Overview(
        HttpContext context, IOptions<GoogleSandboxOptions> options, WorkspaceDirectory directory, ServiceAccountRegistry accounts)
    {
        var endpoints = GoogleEndpoints.For(context, options.Value);
        return TypedResults.Ok(new SandboxOverview(
            endpoints.Issuer,
            endpoints.Discovery,
            [.. directory.Domains],
            [.. options.Value.Clients.Select(c => c.ClientId)],
            [.. accounts.All.Select(a => a.ClientEmail)],
            endpoints.BaseUrl + "/_sandbox/service-account.json",
            directory.Snapshot().Count));
    }

    private static Ok<SandboxUsers> Users(WorkspaceDirectory directory, bool? showDeleted) =>
        TypedResults.Ok(new SandboxUsers(
        [
            .. directory.Snapshot().OrderBy(e => e.Email, StringComparer.Ordinal).Select(SandboxUser.From),
            .. showDeleted == true ? directory.Snapshot(deleted: true).Select(SandboxUser.From) : [],
        ]));

    private static Results<Ok<SandboxUser>, ProblemHttpResult> User(string email, WorkspaceDirectory directory) =>
        directory.Find(email) is { } entry ? TypedResults.Ok(SandboxUser.From(entry)) : NoSuchUser(email);

    private static Results<Created<SandboxUser>, ValidationProblem, ProblemHttpResult> AddUser(
        AddSandboxUser body, WorkspaceDirectory directory, ILoggerFactory loggers)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(body.PrimaryEmail) || !body.PrimaryEmail.Contains('@', StringComparison.Ordinal))
        {
            errors["primaryEmail"] = ["An email address is required."];
        }

        if (string.IsNullOrWhiteSpace(body.GivenName))
        {
            errors["givenName"] = ["A given name is required."];
        }

        if (string.IsNullOrWhiteSpace(body.FamilyName))
        {
            errors["familyName"] = ["A family name is required."];
        }

        if (body.OrgUnitPath is { Length: > 0 } path && !path.StartsWith('/'))
        {
            errors["orgUnitPath"] = ["An org unit path starts with '/'."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var user = new WorkspaceUser(body.PrimaryEmail!.Trim(), body.GivenName!.Trim(), body.FamilyName!.Trim())
        {
            OrgUnitPath = string.IsNullOrWhiteSpace(body.OrgUnitPath) ? "/" : body.OrgUnitPath,
            Title = body.Title,
            Department = body.Department,
            IsAdmin = body.IsAdmin,
            Suspended = body.Suspended,
        };
        switch (directory.Add(user))
        {
            case DirectoryChange.NotAWorkspaceDomain:
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["primaryEmail"] = [$"The domain is not one of the sandbox Workspace's: {string.Join(", ", directory.Domains)}."],
                });
            case DirectoryChange.AlreadyExists:
                return TypedResults.Problem($"{user.PrimaryEmail} already exists.", statusCode: StatusCodes.Status409Conflict, title: "Entity already exists.");
        }

        var entry = directory.Find(user.PrimaryEmail)!;
        var logger = loggers.CreateLogger(typeof(SandboxControlApi));
        GoogleLog.DirectoryChanged(logger, "added", entry.Email);
        return TypedResults.Created($"{GoogleEndpoints.BasePath}/_sandbox/users/{Uri.EscapeDataString(entry.Email)}", SandboxUser.From(entry));
    }

    private static Results<Ok<SandboxUser>, ProblemHttpResult> Suspend(string email, bool suspended, WorkspaceDirectory directory, ILoggerFactory loggers)
    {
        if (directory.SetSuspended(email, suspended) is not { } entry)
        {
            return NoSuchUser(email);
        }

        var logger = loggers.CreateLogger(typeof(SandboxControlApi));
        GoogleLog.DirectoryChanged(logger, suspended ? "suspended" : "restored", entry.Email);
        return TypedResults.Ok(SandboxUser.From(entry));
    }

    private static Results<NoContent, ProblemHttpResult> DeleteUser(string email, WorkspaceDirectory directory, ILoggerFactory loggers)
    {
        if (!directory.Delete(email))
        {
            return NoSuchUser(email);
        }

        var logger = loggers.CreateLogger(typeof(SandboxControlApi));
        GoogleLog.DirectoryChanged(logger, "deleted", email);
        return TypedResults.NoContent();
    }

    private static Ok<SandboxKeys> RotateKeys(SigningKeyRing keys)
    {
        var set = keys.Rotate();
        return TypedResults.Ok(new SandboxKeys(set.Current.KeyId, set.Previous.KeyId, set.NextRotation));
    }

    private static Results<JsonHttpResult<ServiceAccountKeyFile>, ProblemHttpResult> ServiceAccountKey(
        HttpContext context, ServiceAccountRegistry accounts, IOptions<GoogleSandboxOptions> options, string? clientEmail)
    {
        var account = clientEmail is null ? accounts.All.FirstOrDefault(a => a.PrivateKeyPem is not null) : accounts.Find(clientEmail);
        var file = account?.KeyFile(GoogleEndpoints.For(context, options.Value));
        if (file is null)
        {
            return TypedResults.Problem(
                "No service account of the sandbox has a private key to offer (only its public key is configured).",
                statusCode: StatusCodes.Status404NotFound);
        }

        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{file.ProjectId}-{file.PrivateKeyId[..12]}.json\"";
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Json(file);
    }

    private static Results<FileContentHttpResult, NotFound> Asset(string name, HttpContext context)
    {
        if (Assets.Find(name) is not { } asset)
        {
            return TypedResults.NotFound();
        }

        context.Response.Headers.CacheControl = "public, max-age=3600";
        return TypedResults.File(asset.Content, asset.ContentType);
    }

    private static Results<ContentHttpResult, NotFound> Photo(string subject, string initials, HttpContext context)
    {
        if (subject.Length is 0 or > 32 || !subject.All(char.IsAsciiDigit) || initials.Length is 0 or > 2 || !initials.All(char.IsAsciiLetterUpper))
        {
            return TypedResults.NotFound();
        }

        // A stable colour per account, like Google's letter avatars.
        var hue = subject.Aggregate(0, (h, c) => ((h * 31) + c) % 360);
        var svg = string.Create(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 96 96\" width=\"96\" height=\"96\"><circle cx=\"48\" cy=\"48\" r=\"48\" fill=\"hsl({hue},45%,42%)\"/><text x=\"48\" y=\"60\" font-family=\"Arial,Helvetica,sans-serif\" font-size=\"36\" text-anchor=\"middle\" fill=\"#fff\">{initials}</text></svg>");
        context.Response.Headers.CacheControl = "public, max-age=86400";
        return TypedResults.Content(svg, "image/svg+xml");
    }

    private static ProblemHttpResult NoSuchUser(string email) =>
        TypedResults.Problem($"{email} is not an account of the sandbox Workspace.", statusCode: StatusCodes.Status404NotFound, title: "Resource Not Found: userKey");

    private sealed record EmbeddedAsset(byte[] Content, string ContentType);

    private static class Assets
    {
        private static readonly Dictionary<string, EmbeddedAsset> ByName = Load();

        public static EmbeddedAsset? Find(string name) => ByName.GetValueOrDefault(name);

        private static Dictionary<string, EmbeddedAsset> Load()
        {
            const string prefix = "Pace.Sandbox.Google.Assets.";
            var assembly = Assembly.GetExecutingAssembly();
            var assets = new Dictionary<string, EmbeddedAsset>(StringComparer.Ordinal);
            foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
            {
                using var stream = assembly.GetManifestResourceStream(resource)!;
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                var name = resource[prefix.Length..];
                var type = Path.GetExtension(name) switch
                {
                    ".css" => "text/css; charset=utf-8",
                    ".js" => "text/javascript; charset=utf-8",
                    _ => "application/octet-stream",
                };
                assets[name] = new EmbeddedAsset(buffer.ToArray(), type);
            }

            return assets;
        }
    }
}
