using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Pace.Media;
using Pace.Testing;
using Pace.Web.Listings;

namespace Pace.Web.Tests.Listings;

/// <summary>Photos and floor plans uploaded into the media store: judged by content, stored once, served to staff.</summary>
public sealed class ListingUploadTests
{
    [Fact]
    public async Task Jpeg_png_and_webp_uploads_are_stored_and_added_at_the_end_in_order()
    {
        await using var world = await ListingWorld.StartAsync();
        var listing = await world.CreateListingAsync("agent");
        var tour = await world.SendAsync("agent", HttpMethod.Post, $"/api/v1/listings/{listing.Id}/media", new { kind = "tour360", url = "https://tours.example/1/" });
        var jpeg = TestImages.Jpeg(1600, 1200);
        var png = TestImages.Png(800, 600);
        var webp = TestImages.WebP(600, 800);

        var photo = await world.UploadAsync("agent", listing.Id, jpeg, caption: "  Living room  ");
        var plan = await world.UploadAsync("agent", listing.Id, png, "plan.png", "image/png", kind: "floor_plan");
        var upright = await world.UploadAsync("agent", listing.Id, webp, "view.webp", "image/webp");

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created], new[] { photo, plan, upright }.Select(a => a.Status));
        Assert.Equal([1, 2, 3], new[] { photo, plan, upright }.Select(a => a.Body.GetProperty("sortOrder").GetInt32()));
        Assert.Equal(["image", "floor_plan", "image"], new[] { photo, plan, upright }.Select(a => a.Text("kind")));
        Assert.Equal(["image/jpeg", "image/png", "image/webp"], new[] { photo, plan, upright }.Select(a => a.Text("contentType")));
        Assert.Equal([(1600, 1200), (800, 600), (600, 800)], new[] { photo, plan, upright }.Select(Size));
        Assert.Equal("Living room", photo.Text("caption"));
        Assert.Equal($"/media/{Sha256(jpeg)}.jpg", photo.Text("url"));
        Assert.Equal($"/media/{Sha256(png)}.png", plan.Text("url"));
        Assert.Equal($"/media/{Sha256(webp)}.webp", upright.Text("url"));

        var read = await world.GetAsync("agent", $"/api/v1/listings/{listing.Id}");
        Assert.Equal([tour.Id, photo.Id, plan.Id, upright.Id], read.Body.GetProperty("media").EnumerateArray().Select(m => m.GetProperty("id").GetGuid()));
        var found = await world.GetAsync("agent", $"/api/v1/listings?reference={listing.Text("reference")}&status=draft");
        Assert.Equal(photo.Text("url"), found.Body.GetProperty("items")[0].GetProperty("imageUrl").GetString());
        await using var db = world.Host.Database.CreatePaceDbContext();
        var row = await db.ListingMedia.SingleAsync(m => m.Id == photo.Id);
        Assert.Equal($"{Sha256(jpeg)}.jpg", row.StorageKey);
        Assert.Equal(jpeg.Length, row.SizeBytes);
        Assert.Equal(3, StoredFiles(world).Count);
    }

    [Fact]
    public async Task The_type_is_judged_by_the_content_not_by_the_name_or_the_declared_type()
    {
        await using var world = await ListingWorld.StartAsync();
        var listing = await world.CreateListingAsync("agent");
        var png = TestImages.Png(900, 700);

        var disguised = await world.UploadAsync("agent", listing.Id, png, "../../etc/passwd.gif", "image/gif");
        var gif = await world.UploadAsync("agent", listing.Id, [.. "GIF89a\x84\x03\x58\x02"u8, .. new byte[2000]], "photo.jpg", "image/jpeg");

        Assert.Equal(HttpStatusCode.Created, disguised.Status);
        Assert.Equal("image/png", disguised.Text("contentType"));
        Assert.Equal($"/media/{Sha256(png)}.png", disguised.Text("url"));
        Assert.Equal(HttpStatusCode.BadRequest, gif.Status);
        Assert.Contains("not a JPEG, PNG or WebP image", gif.Errors["file"], StringComparison.Ordinal);
        var stored = Assert.Single(StoredFiles(world));
        Assert.StartsWith(Path.GetFullPath(world.Host.MediaRoot), stored, StringComparison.Ordinal);
        Assert.DoesNotContain("passwd", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_refusal_names_the_file_field_and_nothing_is_stored()
    {
        await using var world = await ListingWorld.StartAsync();
        var listing = await world.CreateListingAsync("agent");
        var valid = TestImages.Jpeg(800, 600);
        var oversized = new byte[ImageRules.MaxBytes + 1];
        valid.CopyTo(oversized, 0);

        var tooBig = await world.UploadAsync("agent", listing.Id, oversized);
        var tooSmall = await world.UploadAsync("agent", listing.Id, TestImages.Png(640, 480), "small.png", "image/png");
        var tooWide = await world.UploadAsync("agent", listing.Id, TestImages.Jpeg(10_001, 600));
        var unreadable = await world.UploadAsync("agent", listing.Id, TestImages.Png(800, 600)[..24], "cut.png", "image/png");
        var notAnImage = await world.UploadAsync("agent", listing.Id, "%PDF-1.7\n% a brochure"u8.ToArray(), "brochure.jpg");
        var empty = await world.UploadAsync("agent", listing.Id, []);
        var missing = await world.UploadAsync("agent", listing.Id, null, caption: "no file");
        var otherFields = await world.UploadAsync("agent", listing.Id, valid, kind: "video", caption: new string('c', 301));

        foreach (var (answer, message) in new[]
        {
            (tooBig, "an image may be at most 10 MB"),
            (tooSmall, "file is 640×480 pixels; an image must be at least 800×600"),
            (tooWide, "file is 10001×600 pixels; an image may be at most 10000×10000"),
            (unreadable, "starts like a PNG image but its header cannot be read"),
            (notAnImage, "not a JPEG, PNG or WebP image"),
            (empty, "file is empty"),
            (missing, "file is required"),
        })
        {
            Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
            Assert.Equal(["file"], answer.Errors.Keys);
            Assert.Contains(message, answer.Errors["file"], StringComparison.Ordinal);
        }

        Assert.Equal(["caption", "kind"], otherFields.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("image or floor_plan", otherFields.Errors["kind"], StringComparison.Ordinal);
        Assert.Empty(StoredFiles(world));
        var read = await world.GetAsync("agent", $"/api/v1/listings/{listing.Id}");
        Assert.Equal(0, read.Body.GetProperty("media").GetArrayLength());
    }

    [Fact]
    public async Task Only_those_who_may_edit_the_listing_upload_to_it_and_others_get_404()
    {
        await using var world = await ListingWorld.StartAsync();
        var listing = await world.CreateListingAsync("agent");

        var agent2 = await world.UploadAsync("agent2", listing.Id, TestImages.Png(800, 600), "a.png", "image/png");
        var colleague = await world.UploadAsync("colleague", listing.Id, TestImages.Png(801, 600), "b.png", "image/png");
        var manager2 = await world.UploadAsync("manager2", listing.Id, TestImages.Png(802, 600), "c.png", "image/png");
        var nowhere = await world.UploadAsync("agent", Guid.NewGuid(), TestImages.Png(803, 600), "d.png", "image/png");
        var manager = await world.UploadAsync("manager", listing.Id, TestImages.Png(804, 600), "e.png", "image/png");
        var admin = await world.UploadAsync("admin", listing.Id, TestImages.Png(805, 600), "f.png", "image/png");

        Assert.Equal(HttpStatusCode.NotFound, agent2.Status);
        Assert.Equal(HttpStatusCode.NotFound, colleague.Status);
        Assert.Equal(HttpStatusCode.NotFound, manager2.Status);
        Assert.Equal(HttpStatusCode.NotFound, nowhere.Status);
        Assert.Contains("There is no listing", agent2.Text("detail"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, manager.Status);
        Assert.Equal(HttpStatusCode.Created, admin.Status);
        Assert.Equal(2, StoredFiles(world).Count);
    }

    [Fact]
    public async Task The_served_file_is_the_uploaded_bytes_with_its_type_a_long_cache_and_an_etag()
    {
        await using var world = await ListingWorld.StartAsync();
        var listing = await world.CreateListingAsync("agent");
        var png = TestImages.Png(1024, 768);
        var url = (await world.UploadAsync("agent", listing.Id, png, "plan.png", "image/png")).Text("url")!;

        // Any member of staff reads it, even one who cannot see the listing (portals get their own feed).
        using var response = await world.Host.Http.SendAsync(world.Request("agent2", HttpMethod.Get, url));
        var served = await response.Content.ReadAsByteArrayAsync();
        using var conditional = world.Request("colleague", HttpMethod.Get, url);
        conditional.Headers.TryAddWithoutValidation("If-None-Match", response.Headers.ETag!.ToString());
        using var notModified = await world.Host.Http.SendAsync(conditional);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(png, served);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("private, max-age=31536000, immutable", response.Headers.NonValidated["Cache-Control"].ToString());
        Assert.Equal($"\"{Sha256(png)}\"", response.Headers.ETag?.ToString());
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task The_same_bytes_get_the_same_key_and_one_file_and_twice_on_one_listing_is_the_item_already_there()
    {
        await using var world = await ListingWorld.StartAsync();
        var first = await world.CreateListingAsync("agent");
        var second = await world.CreateListingAsync("agent");
        var jpeg = TestImages.Jpeg(1920, 1080);

        var original = await world.UploadAsync("agent", first.Id, jpeg, "IMG_0001.jpg");
        var again = await world.UploadAsync("agent", first.Id, jpeg, "IMG_0001 (1).jpg", caption: "ignored");
        var elsewhere = await world.UploadAsync("agent", second.Id, jpeg, "copy.jpg");

        Assert.Equal(HttpStatusCode.Created, original.Status);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(original.Id, again.Id);
        Assert.Null(again.Text("caption"));
        Assert.Equal(HttpStatusCode.Created, elsewhere.Status);
        Assert.NotEqual(original.Id, elsewhere.Id);
        Assert.Equal(original.Text("url"), elsewhere.Text("url"));
        Assert.Single(StoredFiles(world));
        var read = await world.GetAsync("agent", $"/api/v1/listings/{first.Id}");
        Assert.Equal(1, read.Body.GetProperty("media").GetArrayLength());
    }

    [Fact]
    public async Task A_file_is_deleted_with_the_last_media_item_that_points_to_it()
    {
        await using var world = await ListingWorld.StartAsync();
        var first = await world.CreateListingAsync("agent");
        var second = await world.CreateListingAsync("agent");
        var webp = TestImages.WebP(1200, 900, extended: true);
        var one = await world.UploadAsync("agent", first.Id, webp, "a.webp", "image/webp");
        var two = await world.UploadAsync("agent", second.Id, webp, "a.webp", "image/webp");
        var url = one.Text("url")!;

        var removedOne = await world.SendAsync("agent", HttpMethod.Delete, $"/api/v1/listings/{first.Id}/media/{one.Id}");
        using var stillServed = await world.Host.Http.SendAsync(world.Request("agent", HttpMethod.Get, url));
        var removedTwo = await world.SendAsync("agent", HttpMethod.Delete, $"/api/v1/listings/{second.Id}/media/{two.Id}");
        var gone = await world.GetAsync("agent", url);

        Assert.Equal(HttpStatusCode.NoContent, removedOne.Status);
        Assert.Equal(HttpStatusCode.OK, stillServed.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, removedTwo.Status);
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
        Assert.Empty(StoredFiles(world));
    }

    [Fact]
    public async Task An_unknown_or_malformed_key_is_a_404_problem_and_a_stranger_is_sent_to_sign_in()
    {
        await using var world = await ListingWorld.StartAsync();
        var listing = await world.CreateListingAsync("agent");
        var url = (await world.UploadAsync("agent", listing.Id, TestImages.Jpeg(800, 600))).Text("url")!;
        File.WriteAllText(Path.Combine(world.Host.MediaRoot, "secret.txt"), "not media");

        var unknown = await world.GetAsync("agent", $"/media/{new string('a', 64)}.jpg");
        var malformed = await world.GetAsync("agent", "/media/secret.txt");
        var traversal = await world.GetAsync("agent", "/media/..%2F..%2Fsecret.txt");
        var upper = await world.GetAsync("agent", url.ToUpperInvariant().Replace("/MEDIA/", "/media/", StringComparison.Ordinal));
        using var stranger = world.Host.CreateNonRedirectingClient();
        using var anonymous = await stranger.GetAsync(new Uri(url, UriKind.Relative));

        foreach (var answer in new[] { unknown, malformed, traversal, upper })
        {
            Assert.Equal(HttpStatusCode.NotFound, answer.Status);
            Assert.Equal(404, answer.Body.GetProperty("status").GetInt32());
        }

        // Like any page: a browser that is not signed in is sent to sign in.
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal("/account/sign-in", anonymous.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task A_request_larger_than_a_file_and_its_form_is_refused_before_it_is_read()
    {
        await using var world = await ListingWorld.StartAsync();
        var listing = await world.CreateListingAsync("agent");
        var address = world.Host.BaseAddress;

        // Only the headers: the server refuses on the declared length, without waiting for the body.
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        await using var stream = tcp.GetStream();
        var head = $"POST /api/v1/listings/{listing.Id}/media/upload HTTP/1.1\r\nHost: {address.Authority}\r\n"
            + $"Authorization: Bearer {world.Token("agent")}\r\nContent-Type: multipart/form-data; boundary=pace\r\n"
            + $"Content-Length: {ListingMediaApi.MaxUploadRequestBytes + 1}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync(deadline.Token);

        Assert.StartsWith("HTTP/1.1 413", statusLine, StringComparison.Ordinal);
    }

    private static (int, int) Size(ApiAnswer media) => (media.Body.GetProperty("width").GetInt32(), media.Body.GetProperty("height").GetInt32());

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The files the media store holds (not counting uploads in progress).</summary>
    private static List<string> StoredFiles(ListingWorld world)
    {
        var root = world.Host.MediaRoot;
        return Directory.Exists(root)
            ? Directory.GetFiles(root, "*", SearchOption.AllDirectories)
                .Where(f => !Path.GetRelativePath(root, f).StartsWith(".incoming", StringComparison.Ordinal)).ToList()
            : [];
    }
}
