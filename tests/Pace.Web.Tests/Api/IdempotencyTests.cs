using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pace.Web.Api.Idempotency;
using Pace.Web.Tests.Crm;

namespace Pace.Web.Tests.Api;

/// <summary>Idempotency-Key on creating POSTs, against real PostgreSQL: a retried create makes one record.</summary>
public sealed class IdempotencyTests
{
    private const string Applicants = "/api/v1/applicants";

    private sealed record Answer(HttpStatusCode Status, JsonElement Body, bool Replayed, string? Location, string? ContentType);

    [Fact]
    public async Task A_retry_with_the_same_key_replays_the_first_answer_and_creates_nothing()
    {
        await using var world = await ApiWorld.StartAsync();
        var body = world.Payload(Applicants)!;
        var email = body["emails"]![0]!.GetValue<string>();

        var first = await PostAsync(world.Crm, world.Crm.Agent, Applicants, body, "key-1");
        var retry = await PostAsync(world.Crm, world.Crm.Agent, Applicants, body, "key-1");

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.False(first.Replayed);
        Assert.Equal(HttpStatusCode.Created, retry.Status);
        Assert.True(retry.Replayed);
        Assert.Equal(first.Location, retry.Location);
        Assert.Equal(first.Body.GetProperty("applicant").GetProperty("id").GetGuid(), retry.Body.GetProperty("applicant").GetProperty("id").GetGuid());
        Assert.Equal(1, await CountAsync(world.Crm, email));
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_refused_with_422()
    {
        await using var world = await ApiWorld.StartAsync();
        await PostAsync(world.Crm, world.Crm.Agent, Applicants, world.Payload(Applicants)!, "key-2");

        var other = await PostAsync(world.Crm, world.Crm.Agent, Applicants, world.Payload(Applicants)!, "key-2");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.Status);
        Assert.Equal("application/problem+json", other.ContentType);
        Assert.Contains("different request", other.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_are_per_caller()
    {
        await using var world = await ApiWorld.StartAsync();
        var body = world.Payload("/api/v1/tasks")!;

        var mine = await PostAsync(world.Crm, world.Crm.Agent, "/api/v1/tasks", body, "shared-key");
        var theirs = await PostAsync(world.Crm, world.Crm.Manager, "/api/v1/tasks", body, "shared-key");

        Assert.Equal(HttpStatusCode.Created, mine.Status);
        Assert.Equal(HttpStatusCode.Created, theirs.Status);
        Assert.False(theirs.Replayed);
        Assert.NotEqual(mine.Body.GetProperty("id").GetGuid(), theirs.Body.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_make_exactly_one_record_and_the_others_are_told_to_retry()
    {
        await using var world = await ApiWorld.StartAsync();
        var body = world.Payload(Applicants)!;
        var email = body["emails"]![0]!.GetValue<string>();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostAsync(world.Crm, world.Crm.Agent, Applicants, body, "race")));

        Assert.Equal(1, await CountAsync(world.Crm, email));
        Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{(int)a.Status} {a.Body}"));
        Assert.Single(answers, a => a.Status == HttpStatusCode.Created && !a.Replayed);
        Assert.All(answers.Where(a => a.Status == HttpStatusCode.Conflict), a => Assert.Equal("application/problem+json", a.ContentType));
        // Once the first has finished, a retry gets its answer.
        var retry = await PostAsync(world.Crm, world.Crm.Agent, Applicants, body, "race");
        Assert.True(retry.Replayed);
        Assert.Equal(1, await CountAsync(world.Crm, email));
    }

    [Fact]
    public async Task A_refused_request_releases_its_key_for_the_corrected_one()
    {
        await using var world = await ApiWorld.StartAsync();
        var invalid = world.Payload(Applicants)!;
        invalid.Remove("firstName");

        var refused = await PostAsync(world.Crm, world.Crm.Agent, Applicants, invalid, "key-3");
        var corrected = await PostAsync(world.Crm, world.Crm.Agent, Applicants, world.Payload(Applicants)!, "key-3");

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(HttpStatusCode.Created, corrected.Status);
        Assert.False(corrected.Replayed);
    }

    [Fact]
    public async Task Keys_expire_after_a_day_and_the_cleanup_deletes_them_on_any_number_of_replicas()
    {
        await using var world = await ApiWorld.StartAsync();
        var body = world.Payload(Applicants)!;
        var email = body["emails"]![0]!.GetValue<string>();
        await PostAsync(world.Crm, world.Crm.Agent, Applicants, body, "old-key");
        for (var i = 0; i < 5; i++)
        {
            await PostAsync(world.Crm, world.Crm.Agent, "/api/v1/tasks", world.Payload("/api/v1/tasks")!, $"task-{i}");
        }

        world.Crm.Host.Clock.Advance(IdempotencyKeys.Lifetime + TimeSpan.FromMinutes(1));
        var after = await PostAsync(world.Crm, world.Crm.Agent, Applicants, body, "old-key");
        Assert.Equal(HttpStatusCode.Created, after.Status);
        Assert.False(after.Replayed);
        // The duplicate check flags the second record: the key no longer holds it back.
        Assert.Equal(2, await CountAsync(world.Crm, email));

        var cleanup = world.Crm.Host.Services.GetRequiredService<IdempotencyKeyCleanup>();
        var deleted = await Task.WhenAll(cleanup.RunOnceAsync(CancellationToken.None), cleanup.RunOnceAsync(CancellationToken.None));

        Assert.Equal(5, deleted.Sum());
        Assert.Equal(1, await world.Crm.ReadAsync(db => db.IdempotencyKeys.CountAsync()));
    }

    [Fact]
    public async Task A_key_that_is_not_a_visible_ascii_token_is_a_field_error()
    {
        await using var world = await ApiWorld.StartAsync();

        var answer = await PostAsync(world.Crm, world.Crm.Agent, Applicants, world.Payload(Applicants)!, new string('k', 256));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.True(answer.Body.GetProperty("errors").TryGetProperty(IdempotencyKeys.Header, out _), answer.Body.ToString());
    }

    private static async Task<Answer> PostAsync(CrmWorld world, Staff caller, string path, JsonObject body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", caller.Token);
        request.Headers.TryAddWithoutValidation(IdempotencyKeys.Header, key);
        using var response = await world.Host.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(text.Length == 0 ? "null" : text);
        return new Answer(response.StatusCode, json.RootElement.Clone(), response.Headers.Contains(IdempotencyKeys.ReplayedHeader),
            response.Headers.Location?.ToString(), response.Content.Headers.ContentType?.MediaType);
    }

    private static Task<int> CountAsync(CrmWorld world, string email) =>
        world.ReadAsync(db => db.ApplicantEmails.CountAsync(e => e.Address == email));
}
