using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Pace.Bench.Raw;

/// <summary>
/// The raw baseline: Kestrel and Npgsql with nothing around them (no authentication, no EF, no middleware), running
/// the SQL pace-web sends for the phone lookup and the listing search (<see cref="RawQueries"/>) and writing the rows
/// as JSON. A PACE figure divided by this one is the cost of everything PACE adds to the same query.
/// </summary>
public static class RawServer
{
    // pace-web's default page of applicants.
    private const int PageSize = 50;

    public static WebApplication Build(string connectionString, string urls)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration["Urls"] = urls;
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        var app = builder.Build();
        app.MapGet("/healthz", () => "ok");
        app.MapGet("/phone", async (HttpContext context, NpgsqlDataSource data, string number, Guid agent) =>
        {
            await using var connection = await data.OpenConnectionAsync(context.RequestAborted);
            var rows = await ReadAsync(connection, RawQueries.PhoneLookup, [agent, number, PageSize + 1], context.RequestAborted);
            await WriteAsync(context, new { items = rows.Take(PageSize) });
        });
        app.MapGet("/listings", async (HttpContext context, NpgsqlDataSource data, Guid agent, string purpose, string type, Guid locationId, int bedsMin, int bedsMax, long priceMax, int limit) =>
        {
            // The same four statements as pace-web: the location's path, its subtree, the page, the page's locations.
            var cancellationToken = context.RequestAborted;
            await using var connection = await data.OpenConnectionAsync(cancellationToken);
            var path = (string)(await ReadAsync(connection, RawQueries.LocationPath, [locationId], cancellationToken)).Single()["path"]!;
            var subtree = (await ReadAsync(connection, RawQueries.LocationSubtree, [path, path + "/%"], cancellationToken)).Select(r => (Guid)r["id"]!).ToArray();
            var page = await ReadAsync(connection, RawQueries.ListingSearch,
                [agent, purpose, new[] { type }, subtree, bedsMin, bedsMax, priceMax, limit + 1], cancellationToken);
            var locations = await ReadAsync(connection, RawQueries.PageLocations, [page.Select(r => (Guid)r["location_id"]!).Distinct().ToArray()], cancellationToken);
            await WriteAsync(context, new { items = page.Take(limit), locations });
        });
        return app;
    }

    private static async Task<List<Dictionary<string, object?>>> ReadAsync(
        NpgsqlConnection connection, string sql, object[] positional, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in positional)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(ReadRow(reader));
        }

        return rows;
    }

    private static Task WriteAsync(HttpContext context, object body)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, body, cancellationToken: context.RequestAborted);
    }

    private static Dictionary<string, object?> ReadRow(NpgsqlDataReader reader)
    {
        var row = new Dictionary<string, object?>(reader.FieldCount, StringComparer.Ordinal);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
        }

        return row;
    }
}
