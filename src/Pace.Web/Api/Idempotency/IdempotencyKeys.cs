using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Pace.Data;
using Pace.Web.Identity;

namespace Pace.Web.Api.Idempotency;

/// <summary>Marks a creating endpoint whose requests may carry an <c>Idempotency-Key</c>.</summary>
public sealed class IdempotentCreate
{
    public static readonly IdempotentCreate Instance = new();

    private IdempotentCreate()
    {
    }
}

/// <summary>
/// <c>Idempotency-Key</c> on creating POSTs, so a client that retries a create (a timeout, a dropped connection) makes
/// one record. The first request with a key claims it in <c>idempotency_keys</c> (an insert on the primary key
/// (caller, key), so of two concurrent requests exactly one claims it); its answer, when 2xx, is stored and replayed for
/// 24 hours to a retry with the same key, method, path and body. The same key with another request answers 422; a
/// retry while the first is still running answers 409 with <c>Retry-After</c>; an answer that is not 2xx releases the
/// key, so a corrected request may use it again. Keys are per caller (person, or machine client).
/// </summary>
public static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";

    /// <summary>Set on a replayed answer.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    public const int MaxKeyLength = 255;

    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>A claim whose request never finished (its replica died) is taken over after this.</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(2);

    public static RouteHandlerBuilder Idempotent(this RouteHandlerBuilder builder) => builder.WithMetadata(IdempotentCreate.Instance);

    public static IApplicationBuilder UseIdempotencyKeys(this IApplicationBuilder app) => app.Use(HandleAsync);

    private static async Task HandleAsync(HttpContext context, RequestDelegate next)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<IdempotentCreate>() is null
            || !context.Request.Headers.TryGetValue(Header, out var values)
            || CallerOf(context) is not { } caller)
        {
            await next(context);
            return;
        }

        var key = values.ToString();
        if (values.Count != 1 || key.Length is 0 or > MaxKeyLength || key.Any(c => c is < '!' or > '~'))
        {
            await WriteProblemAsync(context, StatusCodes.Status400BadRequest, "Invalid Idempotency-Key", null,
                new Dictionary<string, string[]>(StringComparer.Ordinal)
                {
                    [Header] = [$"{Header} must be one value of 1 to {MaxKeyLength} visible ASCII characters (a UUID is a good key)."],
                });
            return;
        }

        var cancellationToken = context.RequestAborted;
        var path = context.Request.Path.Value + context.Request.QueryString.Value;
        var hash = await HashAsync(context.Request, path, cancellationToken);
        var db = context.RequestServices.GetRequiredService<PaceDbContext>();
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        if (!await ClaimAsync(db, caller, key, context.Request.Method, path, hash, now, cancellationToken))
        {
            await AnswerExistingAsync(context, db, caller, key, hash, cancellationToken);
            return;
        }

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        var stored = false;
        try
        {
            await next(context);
            var response = context.Response;
            if (response.StatusCode is >= 200 and < 300)
            {
                var body = buffer.ToArray();
                // Stored even if the caller went away meanwhile: the record exists, and the retry must find it.
                stored = await db.IdempotencyKeys.Where(r => r.Caller == caller && r.Key == key)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(r => r.StatusCode, response.StatusCode)
                        .SetProperty(r => r.ContentType, response.ContentType)
                        .SetProperty(r => r.ResponseBody, body)
                        .SetProperty(r => r.Location, response.Headers.Location.ToString().NullIfEmpty())
                        .SetProperty(r => r.EntityTag, response.Headers.ETag.ToString().NullIfEmpty()), CancellationToken.None) == 1;
            }
        }
        finally
        {
            context.Response.Body = original;
            if (!stored)
            {
                await db.IdempotencyKeys.Where(r => r.Caller == caller && r.Key == key).ExecuteDeleteAsync(CancellationToken.None);
            }
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, cancellationToken);
    }

    /// <summary>
    /// Claims the key: inserts it, or takes over a row that has expired or was abandoned mid-request. False when another
    /// request holds it. One statement, so two concurrent claims are decided by the primary key.
    /// </summary>
    private static async Task<bool> ClaimAsync(
        PaceDbContext db, string caller, string key, string method, string path, byte[] hash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var expires = now + Lifetime;
        var abandoned = now - AbandonedAfter;
        var claimed = await db.Database.SqlQuery<int>($"""
            INSERT INTO idempotency_keys (caller, key, method, path, request_hash, created_at, expires_at)
            VALUES ({caller}, {key}, {method}, {path}, {hash}, {now}, {expires})
            ON CONFLICT (caller, key) DO UPDATE SET
                method = EXCLUDED.method, path = EXCLUDED.path, request_hash = EXCLUDED.request_hash,
                status_code = NULL, content_type = NULL, response_body = NULL, location = NULL, entity_tag = NULL,
                created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
            WHERE idempotency_keys.expires_at <= {now}
               OR (idempotency_keys.status_code IS NULL AND idempotency_keys.created_at < {abandoned})
            RETURNING 1 AS "Value"
            """).ToListAsync(cancellationToken);
        return claimed.Count == 1;
    }

    private static async Task AnswerExistingAsync(HttpContext context, PaceDbContext db, string caller, string key, byte[] hash, CancellationToken cancellationToken)
    {
        var existing = await db.IdempotencyKeys.AsNoTracking().SingleOrDefaultAsync(r => r.Caller == caller && r.Key == key, cancellationToken);
        if (existing is not null && !CryptographicOperations.FixedTimeEquals(existing.RequestHash, hash))
        {
            await WriteProblemAsync(context, StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused",
                $"This {Header} was used for a different request ({existing.Method} {existing.Path} with another body). Use a new key for a new request.");
            return;
        }

        if (existing is not { StatusCode: { } status })
        {
            // Still running (or released this instant): the first request decides; the retry asks again shortly.
            context.Response.Headers.RetryAfter = "1";
            await WriteProblemAsync(context, StatusCodes.Status409Conflict, "Request in progress",
                $"A request with this {Header} is still being handled. Retry in a moment to get its answer.");
            return;
        }

        var response = context.Response;
        response.StatusCode = status;
        response.Headers[ReplayedHeader] = "true";
        if (existing.Location is { } location)
        {
            response.Headers.Location = location;
        }

        if (existing.EntityTag is { } tag)
        {
            response.Headers.ETag = tag;
        }

        if (existing.ResponseBody is { Length: > 0 } body)
        {
            response.ContentType = existing.ContentType;
            await response.Body.WriteAsync(body, cancellationToken);
        }
    }

    /// <summary>Whose key space the request is in; null for an anonymous request (no endpoint marked idempotent admits one).</summary>
    private static string? CallerOf(HttpContext context)
    {
        var actor = context.User.ToActor();
        return actor switch
        {
            { ClientId: { } client, UserId: { } user } when actor.IsPerson => $"client:{client}/user:{user}",
            { ClientId: { } client } => $"client:{client}",
            { UserId: { } user } => $"user:{user}",
            _ => null,
        };
    }

    private static async Task<byte[]> HashAsync(HttpRequest request, string path, CancellationToken cancellationToken)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {path}\n"));
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            hash.AppendData(chunk, 0, read);
        }

        request.Body.Position = 0;
        return hash.GetHashAndReset();
    }

    private static async Task WriteProblemAsync(HttpContext context, int status, string title, string? detail, IDictionary<string, string[]>? errors = null)
    {
        context.Response.StatusCode = status;
        var problem = errors is null ? new Microsoft.AspNetCore.Mvc.ProblemDetails() : new HttpValidationProblemDetails(errors);
        (problem.Status, problem.Title, problem.Detail) = (status, title, detail);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }

    private static string? NullIfEmpty(this string value) => value.Length == 0 ? null : value;
}
