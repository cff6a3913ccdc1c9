using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Pace.Web.Identity.SignIn;

/// <summary>
/// The framework's OAuth handler (code flow, <c>state</c>, PKCE) plus the two OIDC parameters it does not send: a
/// fresh <c>nonce</c> per challenge, kept in the protected state so the callback can compare it with the ID token's,
/// and the <c>hd</c> hint.
/// </summary>
public sealed class GoogleSignInHandler(
    IOptionsMonitor<OAuthOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<GoogleSignInOptions> google)
    : OAuthHandler<OAuthOptions>(options, logger, encoder)
{
    /// <summary>The key of the nonce in the sign-in's <see cref="AuthenticationProperties"/>.</summary>
    public const string NonceKey = "pace.nonce";

    protected override string BuildChallengeUrl(AuthenticationProperties properties, string redirectUri)
    {
        var nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        // Set before the base class protects the properties into the state parameter.
        properties.Items[NonceKey] = nonce;
        var url = base.BuildChallengeUrl(properties, redirectUri);
        return QueryHelpers.AddQueryString(url, new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["nonce"] = nonce,
            ["hd"] = google.Value.WorkspaceDomains[0],
        });
    }
}
