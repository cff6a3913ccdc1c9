using System.Net;

namespace Pace.Web.Tests.Api;

/// <summary>The OpenAPI document says what the endpoints really return and really require.</summary>
public sealed class ApiContractTests
{
    /// <summary>
    /// Fields a create needs only in some cases, described in the operation rather than listed as required: a note's
    /// body (a call needs a direction instead), and an applicant or a listing (one of the two) for an activity.
    /// </summary>
    private static readonly Dictionary<string, string[]> ConditionallyRequired = new(StringComparer.Ordinal)
    {
        ["/api/v1/activities"] = ["body", "applicantId"],
    };

    [Fact]
    public async Task What_the_main_endpoints_return_has_exactly_the_properties_and_types_of_their_schemas()
    {
        await using var world = await ApiWorld.StartAsync();
        var crm = world.Crm;
        var document = await OpenApiSpec.LoadAsync(crm.Host.Http, crm.Agent.Token);
        var from = Uri.EscapeDataString(crm.Now.AddDays(-1).ToString("O"));
        var to = Uri.EscapeDataString(crm.Now.AddDays(40).ToString("O"));
        var reads = new (string Route, string Path)[]
        {
            ("/api/v1/applicants/{id}", $"/api/v1/applicants/{world.Applicant}"),
            ("/api/v1/applicants", "/api/v1/applicants"),
            ("/api/v1/listings/{id}", $"/api/v1/listings/{world.Listing}"),
            ("/api/v1/listings", "/api/v1/listings"),
            ("/api/v1/viewings/{id}", $"/api/v1/viewings/{world.Viewing}"),
            ("/api/v1/viewings", $"/api/v1/viewings?from={from}&to={to}"),
            ("/api/v1/offers/{id}", $"/api/v1/offers/{world.Offer}"),
            ("/api/v1/offers", $"/api/v1/offers?listingId={world.Listing}"),
            ("/api/v1/tasks/{id}", $"/api/v1/tasks/{world.Task}"),
            ("/api/v1/tasks", "/api/v1/tasks?scope=upcoming"),
            ("/api/v1/applicants/{id}/timeline", $"/api/v1/applicants/{world.Applicant}/timeline"),
            ("/api/v1/me", "/api/v1/me"),
        };

        var mismatches = new List<string>();
        foreach (var (route, path) in reads)
        {
            var answer = await crm.GetAsync(crm.Agent, path);
            Assert.True(answer.Status == HttpStatusCode.OK, $"GET {path}: {(int)answer.Status} {answer.Body}");
            var schema = OpenApiSpec.ResponseSchema(OpenApiSpec.Operation(document, "GET", route)!, 200);
            Assert.True(schema is not null, $"GET {route}: no 200 schema");
            mismatches.AddRange(OpenApiSpec.Mismatches(schema, answer.Body).Select(m => $"GET {route}: {m}"));
            if (answer.Body.TryGetProperty("items", out var items))
            {
                Assert.True(items.GetArrayLength() > 0, $"GET {path} listed nothing: the check would prove nothing");
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public async Task The_required_fields_of_each_create_are_exactly_those_it_refuses_without()
    {
        await using var world = await ApiWorld.StartAsync();
        var crm = world.Crm;
        var document = await OpenApiSpec.LoadAsync(crm.Host.Http, crm.Agent.Token);
        var wrong = new List<string>();
        foreach (var route in new[]
        {
            "/api/v1/applicants", "/api/v1/applicants/{id}/requirements", "/api/v1/viewings", "/api/v1/offers", "/api/v1/tasks",
            "/api/v1/activities", "/api/v1/admin/teams", "/api/v1/admin/users",
        })
        {
            var schema = OpenApiSpec.RequestSchema(OpenApiSpec.Operation(document, "POST", route)!)!;
            var required = (schema.Required ?? new HashSet<string>()).ToHashSet(StringComparer.Ordinal);
            var payload = world.Payload(route)!;
            Assert.True(required.IsSubsetOf(payload.Select(p => p.Key)), $"POST {route}: the payload lacks a required field ({string.Join(", ", required)})");

            var refused = new HashSet<string>(StringComparer.Ordinal);
            foreach (var field in payload.Select(p => p.Key).ToList())
            {
                var without = world.Payload(route)!;
                without.Remove(field);
                var answer = await crm.PostAsync(world.CallerFor(route), world.Concrete(route), without);
                if (answer.Status == HttpStatusCode.BadRequest && answer.ErrorFields.Any(f => f == field || f.StartsWith(field + "[", StringComparison.Ordinal) || f.StartsWith(field + ".", StringComparison.Ordinal)))
                {
                    refused.Add(field);
                }
            }

            refused.ExceptWith(ConditionallyRequired.GetValueOrDefault(route, []));
            if (!refused.SetEquals(required))
            {
                wrong.Add($"POST {route}: schema requires [{string.Join(", ", required.Order())}], the endpoint refuses without [{string.Join(", ", refused.Order())}]");
            }

            var whole = await crm.PostAsync(world.CallerFor(route), world.Concrete(route), world.Payload(route)!);
            Assert.True(whole.Status is HttpStatusCode.Created or HttpStatusCode.Conflict, $"POST {route} with the whole payload: {(int)whole.Status} {whole.Body}");
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }
}
