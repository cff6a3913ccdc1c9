using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pace.Data.Seed;
using Pace.Listings;
using Pace.Locations;
using Pace.Testing;
using Pace.Web.Tests.SignIn;

namespace Pace.Web.Tests.Listings;

/// <summary>The listing pages' upload: a signed-in browser posts the form with its antiforgery token and shows the photo.</summary>
public sealed class ListingUploadBrowserTests
{
    [Fact]
    public async Task A_signed_in_browser_uploads_with_its_antiforgery_token_and_a_forged_post_is_refused()
    {
        await using var harness = await SignInHarness.StartAsync();
        var listingId = await SeedListingAsync(harness, DemoAccounts.Agent);
        using var browser = await harness.SignedInBrowserAsync(DemoAccounts.Agent);
        var token = await SignInHarness.AntiforgeryTokenAsync(browser, harness.At("/"));
        var upload = harness.At($"/api/v1/listings/{listingId}/media/upload");

        // What another site's form could make the browser send: the session cookie, no token.
        using var forged = await browser.SendAsync(Post(upload, TestImages.Jpeg(800, 600)));
        // htmx and fetch send the token as a header; a plain form as a field.
        using var withHeader = await browser.SendAsync(Post(upload, TestImages.Png(800, 600), header: token));
        using var withField = await browser.SendAsync(Post(upload, TestImages.WebP(800, 600), field: token));
        using var created = JsonDocument.Parse(await withHeader.Content.ReadAsStringAsync());
        using var photo = await browser.GetAsync(harness.At(created.RootElement.GetProperty("url").GetString()!));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("application/problem+json", forged.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Created, withHeader.StatusCode);
        Assert.Equal(HttpStatusCode.Created, withField.StatusCode);
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.Equal("image/png", photo.Content.Headers.ContentType?.MediaType);
        await harness.ExecuteAsync(async db =>
            Assert.Equal(["image/png", "image/webp"], await db.ListingMedia.Where(m => m.ListingId == listingId).OrderBy(m => m.SortOrder).Select(m => m.ContentType!).ToListAsync()));
    }

    private static HttpRequestMessage Post(Uri upload, byte[] image, string? header = null, string? field = null)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(image), "file", "photo" } };
        if (field is not null)
        {
            form.Add(new StringContent(field), "__RequestVerificationToken");
        }

        var request = new HttpRequestMessage(HttpMethod.Post, upload) { Content = form };
        if (header is not null)
        {
            request.Headers.Add("RequestVerificationToken", header);
        }

        return request;
    }

    /// <summary>A draft of <paramref name="agentEmail"/> straight in the database (this test is about the upload, not the listing).</summary>
    private static async Task<Guid> SeedListingAsync(SignInHarness harness, string agentEmail)
    {
        var agent = await harness.UserAsync(agentEmail);
        var now = harness.Clock.Now;
        var location = new Location { Level = LocationLevel.Emirate, Name = "Dubai", Path = "dubai", CreatedAt = now, UpdatedAt = now };
        var listing = new Listing
        {
            Reference = "AA-S-1", Purpose = Purpose.Sale, Category = PropertyCategory.Residential, PropertyType = "apartment",
            Status = ListingStatus.Draft, StatusChangedAt = now, PriceMinor = 1_000_000_00, SizeSqft = 900, LocationId = location.Id,
            TitleEn = "Studio", DescriptionEn = "A studio.", ListingAgentId = agent.Id, CreatedAt = now, UpdatedAt = now,
        };
        await harness.ExecuteAsync(async db =>
        {
            db.Locations.Add(location);
            db.Listings.Add(listing);
            await db.SaveChangesAsync();
        });
        return listing.Id;
    }
}
