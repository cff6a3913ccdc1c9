using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Pace.Data.Audit;
using Pace.ServiceDefaults;

namespace Pace.Web.Identity.SignIn;

/// <summary>Browser sign-in: the session cookie and Google (OIDC code flow with PKCE).</summary>
public static class SignInModule
{
    public const string SignInPath = "/account/sign-in";
    public const string ChallengePath = "/account/challenge";
    public const string RefusedPath = "/account/refused";
    public const string SignOutPath = "/account/sign-out";
    public const string SignOutEverywherePath = "/account/sign-out-everywhere";
    public const string ApplicationName = "pace-web";

    public static AuthenticationBuilder AddPaceSignIn(this AuthenticationBuilder authentication, WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(authentication);
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddValidatedOptions<GoogleSignInOptions>(GoogleSignInOptions.Section)
            .Validate(o => GoogleSignInOptions.IsAcceptableUrl(o.AuthorizationEndpoint), $"{GoogleSignInOptions.Section}:AuthorizationEndpoint must be an https URL (http only on loopback).")
            .Validate(o => GoogleSignInOptions.IsAcceptableUrl(o.TokenEndpoint), $"{GoogleSignInOptions.Section}:TokenEndpoint must be an https URL (http only on loopback).");
        services.AddValidatedOptions<SignInOptions>(SignInOptions.Section);
        services.AddHttpClient(GoogleIdTokenValidator.HttpClientName);
        services.AddHttpContextAccessor();
        services.TryAddSingleton<GoogleIdTokenValidator>();
        services.TryAddScoped<BrowserSessions>();
        services.Replace(ServiceDescriptor.Singleton<IAuditActorAccessor, HttpAuditActor>());

        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o =>
            {
                o.XmlRepository = new DatabaseXmlRepository(sp.GetRequiredService<IServiceScopeFactory>());
                o.XmlEncryptor = new KeyRingEncryptor(sp.GetRequiredService<IOptions<Tokens.TokenOptions>>());
            }));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "pace.antiforgery";
            o.Cookie.SecurePolicy = SecurePolicy(builder.Environment);
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<SignInOptions>>(ConfigureRateLimits);

        var secure = SecurePolicy(builder.Environment);
        authentication.AddCookie(PaceSchemes.Cookie, o =>
        {
            o.Cookie.Name = "pace.session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = secure;
            o.SlidingExpiration = true;
            o.LoginPath = SignInPath;
            o.AccessDeniedPath = RefusedPath;
            o.ReturnUrlParameter = "returnUrl";
            o.Events = new CookieAuthenticationEvents
            {
                OnValidatePrincipal = ValidateSessionAsync,
                OnRedirectToLogin = c => ApiAwareRedirectAsync(c, StatusCodes.Status401Unauthorized),
                OnRedirectToAccessDenied = c => ApiAwareRedirectAsync(c, StatusCodes.Status403Forbidden),
            };
        });
        services.AddOptions<CookieAuthenticationOptions>(PaceSchemes.Cookie)
            .Configure<IOptions<SignInOptions>>((o, s) => o.ExpireTimeSpan = s.Value.IdleTimeout);

        authentication.AddOAuth<OAuthOptions, GoogleSignInHandler>(PaceSchemes.Google, "Google", o =>
        {
            o.SignInScheme = PaceSchemes.Cookie;
            o.UsePkce = true;
            o.SaveTokens = false;
            o.Scope.Clear();
            o.Scope.Add("openid");
            o.Scope.Add("email");
            o.Scope.Add("profile");
            o.CorrelationCookie.Name = "pace.signin.";
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.CorrelationCookie.SecurePolicy = secure;
            o.Events = new OAuthEvents
            {
                OnCreatingTicket = CreatingTicketAsync,
                OnRemoteFailure = RemoteFailureAsync,
            };
        });
        services.AddOptions<OAuthOptions>(PaceSchemes.Google).Configure<IOptions<GoogleSignInOptions>>((o, g) =>
        {
            var google = g.Value;
            o.ClientId = google.ClientId;
            o.ClientSecret = google.ClientSecret;
            o.CallbackPath = google.CallbackPath;
            o.AuthorizationEndpoint = google.AuthorizationEndpoint;
            o.TokenEndpoint = google.TokenEndpoint;
        });
        return authentication;
    }

    /// <summary>The sign-in endpoints that are not pages: the challenge and the two sign-outs.</summary>
    public static IEndpointRouteBuilder MapPaceSignIn(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").ExcludeFromDescription();
        account.MapGet("/challenge", (string? returnUrl) =>
                TypedResults.Challenge(new AuthenticationProperties { RedirectUri = LocalUrl(returnUrl) }, [PaceSchemes.Google]))
            .AllowAnonymous()
            .WithName("SignInChallenge");
        account.MapPost("/sign-out", SignOutAsync).WithName("SignOut");
        account.MapPost("/sign-out-everywhere", SignOutEverywhereAsync).WithName("SignOutEverywhere");

        // Who is signed in: for the UI's scripts and API clients (a person's cookie or token).
        app.MapGet("/api/v1/me", (HttpContext http) =>
            {
                var actor = http.User.ToActor();
                return TypedResults.Ok(new
                {
                    id = actor.UserId,
                    email = http.User.FindFirst(PaceClaims.Email)?.Value,
                    name = http.User.FindFirst(PaceClaims.Name)?.Value,
                    role = http.User.FindFirst(PaceClaims.Role)?.Value,
                    team = actor.TeamId,
                });
            })
            .RequireAuthorization(PacePolicies.Staff)
            .WithName("Me");
        return app;
    }

    /// <summary>
    /// Security headers on every response (pages, API, errors), set as the response starts so the exception handler
    /// cannot drop them.
    /// </summary>
    public static IApplicationBuilder UseBrowserSecurityHeaders(this IApplicationBuilder app)
    {
        var google = app.ApplicationServices.GetRequiredService<IOptions<GoogleSignInOptions>>().Value;
        var origin = google.AuthorityOrigin;
        var policy = $"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: {origin}; " +
            $"frame-ancestors 'none'; form-action 'self' {origin}; base-uri 'self'; object-src 'none'";
        return app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = policy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                return Task.CompletedTask;
            });
            await next(context);
        });
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, IAntiforgery antiforgery, BrowserSessions sessions, CancellationToken cancellationToken)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return AntiforgeryProblem();
        }

        await sessions.SignOutAsync(http.User, http, cancellationToken);
        await http.SignOutAsync(PaceSchemes.Cookie);
        return TypedResults.Redirect(SignInPath + "?signedOut=1");
    }

    private static async Task<IResult> SignOutEverywhereAsync(HttpContext http, IAntiforgery antiforgery, BrowserSessions sessions, CancellationToken cancellationToken)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return AntiforgeryProblem();
        }

        await sessions.SignOutEverywhereAsync(http.User, http, cancellationToken);
        await http.SignOutAsync(PaceSchemes.Cookie);
        return TypedResults.Redirect(SignInPath + "?signedOut=all");
    }

    /// <summary>The 400 of a browser post without a valid antiforgery token.</summary>
    internal static ProblemHttpResult AntiforgeryProblem() => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "The request's antiforgery token is missing or invalid.",
        detail: "Send the form's __RequestVerificationToken field or the RequestVerificationToken header.");

    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is null)
        {
            context.RejectPrincipal();
            return;
        }

        var sessions = context.HttpContext.RequestServices.GetRequiredService<BrowserSessions>();
        var check = await sessions.CheckAsync(context.Principal, context.HttpContext.RequestAborted);
        if (!check.IsLive)
        {
            var logger = Logger(context.HttpContext);
            SignInLog.SessionRejected(logger);
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(PaceSchemes.Cookie);
            return;
        }

        if (check.RefreshedPrincipal is not null)
        {
            context.ReplacePrincipal(check.RefreshedPrincipal);
            context.ShouldRenew = true;
        }
    }

    private static async Task CreatingTicketAsync(OAuthCreatingTicketContext context)
    {
        var http = context.HttpContext;
        var cancellationToken = http.RequestAborted;
        context.Properties.Items.TryGetValue(GoogleSignInHandler.NonceKey, out var nonce);
        // The nonce has done its job; the session cookie need not carry it.
        context.Properties.Items.Remove(GoogleSignInHandler.NonceKey);

        var validator = http.RequestServices.GetRequiredService<GoogleIdTokenValidator>();
        var identity = await validator.ValidateAsync(TokenResponses.IdToken(context.TokenResponse.Response), nonce, cancellationToken);
        var principal = await http.RequestServices.GetRequiredService<BrowserSessions>().SignInAsync(identity, http, cancellationToken);
        context.Principal = principal;
        context.Properties.IsPersistent = false;
        var logger = Logger(http);
        var userId = principal.FindFirst(PaceClaims.UserId)?.Value;
        var sessionId = principal.FindFirst(PaceClaims.SessionId)?.Value;
        SignInLog.SignedIn(logger, userId, sessionId);
    }

    private static async Task RemoteFailureAsync(RemoteFailureContext context)
    {
        var (refusal, email, detail) = context.Failure switch
        {
            SignInRefusedException refused => (refused.Refusal, refused.Email, refused.Detail),
            // The handler's own checks of the state parameter and its correlation cookie: a replayed, forged or
            // expired callback, or one finished in another browser.
            { Message: var m } when m.Contains("Correlation failed", StringComparison.Ordinal)
                || m.Contains("state was missing or invalid", StringComparison.Ordinal) => (SignInRefusal.StateMismatch, null, m),
            { Message: var m } => (SignInRefusal.ProviderError, (string?)null, m),
            null => (SignInRefusal.ProviderError, null, null),
        };

        var logger = Logger(context.HttpContext);
        var unexpected = context.Failure is SignInRefusedException ? null : context.Failure;
        SignInLog.Refused(logger, refusal.Code, detail, unexpected);
        var sessions = context.HttpContext.RequestServices.GetRequiredService<BrowserSessions>();
        await sessions.AuditRefusalAsync(refusal, email, detail, context.HttpContext, context.HttpContext.RequestAborted);
        context.Response.Redirect($"{RefusedPath}?reason={Uri.EscapeDataString(refusal.Code)}");
        context.HandleResponse();
    }

    /// <summary>APIs and htmx get a status and ProblemDetails; a browser navigating to a page gets the redirect.</summary>
    private static async Task ApiAwareRedirectAsync(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        var http = context.HttpContext;
        // The fallback policy also covers paths that match nothing: those are a 404, signed in or not.
        if (http.GetEndpoint() is null)
        {
            status = StatusCodes.Status404NotFound;
        }

        var isApi = http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            || http.Request.Path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase);
        var isHtmx = http.Request.Headers.ContainsKey("HX-Request");
        if (!isApi && !isHtmx && status != StatusCodes.Status404NotFound)
        {
            context.Response.Redirect(context.RedirectUri);
            return;
        }

        if (isHtmx && status == StatusCodes.Status401Unauthorized)
        {
            context.Response.Headers["HX-Redirect"] = SignInPath;
        }

        http.Response.StatusCode = status;
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = status,
                Title = status switch
                {
                    StatusCodes.Status401Unauthorized => "Authentication is required.",
                    StatusCodes.Status404NotFound => "Not Found",
                    _ => "You are not allowed to do this.",
                },
            },
        });
    }

    private static void ConfigureRateLimits(RateLimiterOptions limiter, IOptions<SignInOptions> options)
    {
        var settings = options.Value;
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
        {
            if (!IsSignInRequest(http))
            {
                return RateLimitPartition.GetNoLimiter(string.Empty);
            }

            var ip = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            return RateLimitPartition.GetFixedWindowLimiter(ip, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = settings.RateLimitPermits,
                Window = settings.RateLimitWindow,
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });
        limiter.OnRejected = async (context, cancellationToken) =>
        {
            var http = context.HttpContext;
            if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            {
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }

            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails =
                {
                    Status = StatusCodes.Status429TooManyRequests,
                    Title = "Too many sign-in attempts from this address. Try again shortly.",
                },
            });
        };
    }

    private static bool IsSignInRequest(HttpContext http)
    {
        var path = http.Request.Path;
        var callback = http.RequestServices.GetRequiredService<IOptions<GoogleSignInOptions>>().Value.CallbackPath;
        return path.StartsWithSegments(ChallengePath, StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments(callback, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Only a path on this site: never an absolute or protocol-relative URL (open redirect).</summary>
    public static string LocalUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/')
        && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";

    private static CookieSecurePolicy SecurePolicy(IWebHostEnvironment environment) =>
        environment.IsDevelopment() || environment.IsEnvironment("Testing") ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;

    private static ILogger Logger(HttpContext http) =>
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SignInModule));
}
