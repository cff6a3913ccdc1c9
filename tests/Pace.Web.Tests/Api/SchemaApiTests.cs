using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pace.Identity;
using Pace.Web.Api.Schema;
using Pace.Web.Tests.Crm;

namespace Pace.Web.Tests.Api;

/// <summary><c>/api/v1/schema</c> (INTF-AI-02): generated from the EF model, without secrets, and true to the list endpoints.</summary>
public sealed class SchemaApiTests
{
    private const string Schema = "/api/v1/schema";

    [Fact]
    public async Task The_schema_describes_every_business_entity_and_field_of_the_model()
    {
        await using var world = await CrmWorld.StartAsync();
        var schema = await world.GetAsync(world.Agent, Schema);
        Assert.Equal(HttpStatusCode.OK, schema.Status);
        var entities = schema.Body.GetProperty("entities").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!, StringComparer.Ordinal);

        await using var db = world.Host.Database.CreatePaceDbContext();
        foreach (var entity in db.Model.GetEntityTypes().Where(e => e.ClrType.Namespace?.StartsWith("Pace.", StringComparison.Ordinal) == true && entities.ContainsKey(SchemaApi.EntityName(e))))
        {
            var fields = entities[SchemaApi.EntityName(entity)].GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("column").GetString()).ToHashSet(StringComparer.Ordinal);
            var columns = entity.GetProperties().Where(p => !SchemaApi.IsSecret(p) && p.GetColumnName() != "xmin" && !p.IsShadowProperty()).Select(p => p.GetColumnName());
            Assert.True(fields.SetEquals(columns), $"{entity.ClrType.Name}: fields {string.Join(", ", fields)} are not the columns {string.Join(", ", columns)}");
        }

        foreach (var name in new[] { "applicant", "listing", "viewing", "offer", "deal", "activity", "user", "team", "location", "requirement" })
        {
            Assert.True(entities.ContainsKey(name), $"{name} is not described");
        }

        var applicant = entities["applicant"];
        var stage = Field(applicant, "stage");
        Assert.Equal("string", stage.GetProperty("type").GetString());
        Assert.Contains("new", stage.GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
        Assert.True(stage.GetProperty("filterable").GetBoolean());
        Assert.Equal(100, Field(applicant, "firstName").GetProperty("maxLength").GetInt32());
        Assert.Equal("uuid", Field(applicant, "id").GetProperty("format").GetString());
        Assert.Contains(applicant.GetProperty("relations").EnumerateArray(), r =>
            r.GetProperty("name").GetString() == "assignedAgent" && r.GetProperty("kind").GetString() == "many_to_one" && r.GetProperty("target").GetString() == "user");
        Assert.Contains(applicant.GetProperty("relations").EnumerateArray(), r =>
            r.GetProperty("kind").GetString() == "one_to_many" && r.GetProperty("target").GetString() == "viewing");
        var list = Assert.Single(applicant.GetProperty("lists").EnumerateArray());
        Assert.Equal("GET /api/v1/applicants", list.GetProperty("endpoint").GetString());
        Assert.Contains(list.GetProperty("sorts").EnumerateArray(), s => s.GetProperty("value").GetString() == "stage_age");
    }

    [Fact]
    public async Task The_schema_shows_no_secret_and_no_table_of_the_machinery()
    {
        await using var world = await CrmWorld.StartAsync();
        var schema = await world.GetAsync(world.Admin, Schema);
        var text = schema.Body.GetRawText();

        foreach (var secret in new[] { "secretHash", "tokenHash", "privateKeyEncrypted", "signing_key", "data_protection_key", "user_session", "idempotency", "\"xml\"" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
        }

        var entities = schema.Body.GetProperty("entities").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!, StringComparer.Ordinal);
        Assert.Contains("clientId", entities["machine_client"].GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Machines_of_the_ai_suite_read_the_schema_and_other_machines_do_not()
    {
        await using var world = await CrmWorld.StartAsync();
        var (ai, aiSecret) = await world.Host.SeedClientAsync("pace-ai", TokenScopes.Ai);
        var (export, exportSecret) = await world.Host.SeedClientAsync("salesforce", TokenScopes.ExportRead);

        using var allowed = await world.Host.SendAsync(HttpMethod.Get, Schema, await world.Host.AccessTokenAsync(ai.ClientId, aiSecret, ("grant_type", "client_credentials")));
        using var refused = await world.Host.SendAsync(HttpMethod.Get, Schema, await world.Host.AccessTokenAsync(export.ClientId, exportSecret, ("grant_type", "client_credentials")));
        using var anonymous = await world.Host.SendAsync(HttpMethod.Get, Schema, null);

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task The_declared_filters_and_sorts_are_those_the_list_endpoints_take()
    {
        await using var world = await CrmWorld.StartAsync();
        var descriptions = world.Host.Services.GetRequiredService<IApiDescriptionGroupCollectionProvider>().ApiDescriptionGroups.Items.SelectMany(g => g.Items).ToList();
        await using var db = world.Host.Database.CreatePaceDbContext();
        var wrong = new List<string>();
        foreach (var list in ListCapabilities.All)
        {
            var endpoint = descriptions.SingleOrDefault(d => d.HttpMethod == list.Method && Normalize(d.RelativePath) == list.Route);
            if (endpoint is null)
            {
                wrong.Add($"{list.Method} {list.Route}: no such endpoint");
                continue;
            }

            var parameters = endpoint.ParameterDescriptions.Where(p => p.Source == BindingSource.Query).Select(p => p.Name)
                .Where(p => !ListCapabilities.PagingParameters.Contains(JsonNamingPolicy.CamelCase.ConvertName(p))).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var declared = list.Filters.Select(f => f.Parameter).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (!parameters.SetEquals(declared))
            {
                wrong.Add($"{list.Method} {list.Route}: takes [{string.Join(", ", parameters.Order())}], declares [{string.Join(", ", declared.Order())}]");
            }

            var fields = db.Model.FindEntityType(list.Entity)!.GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).ToHashSet(StringComparer.Ordinal);
            wrong.AddRange(list.Filters.SelectMany(f => f.Fields).Concat(list.Sorts.SelectMany(s => s.Fields))
                .Where(f => !f.Contains('.', StringComparison.Ordinal) && !fields.Contains(f))
                .Select(f => $"{list.Route}: {f} is not a field of {list.Entity.Name}"));
            if (list.Sorts.Count(s => s.IsDefault) != 1)
            {
                wrong.Add($"{list.Route}: not exactly one default sort");
            }

            if (list.Route.Contains('{', StringComparison.Ordinal) || list.Sorts.All(s => s.Value is null))
            {
                continue;
            }

            var caller = list.Route.Contains("/admin/", StringComparison.Ordinal) ? world.Admin : world.Agent;
            foreach (var sort in list.Sorts)
            {
                var answer = await world.GetAsync(caller, $"{list.Route}?sort={sort.Value}&purpose=sale");
                if (answer.Status != HttpStatusCode.OK)
                {
                    wrong.Add($"{list.Route}?sort={sort.Value}: {(int)answer.Status} {answer.Body}");
                }
            }

            var bogus = await world.GetAsync(caller, $"{list.Route}?sort=no_such_sort");
            if (bogus.Status != HttpStatusCode.BadRequest || !bogus.ErrorFields.Contains("sort"))
            {
                wrong.Add($"{list.Route}?sort=no_such_sort: {(int)bogus.Status}, expected a field error on sort");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    private static JsonElement Field(JsonElement entity, string name) =>
        entity.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == name);

    private static string Normalize(string? relativePath) =>
        "/" + System.Text.RegularExpressions.Regex.Replace((relativePath ?? "").Trim('/'), @"\{(\w+)(:[^}]*)?\}", "{$1}");
}
