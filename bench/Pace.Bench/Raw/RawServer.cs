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
            await WriteRowsAsync(context, connection, RawQueries.PhoneLookup, [new("number", number), new("agent", agent)]);
        });
        app.MapGet("/listings", async (HttpContext context, NpgsqlDataSource data, string purpose, string type, Guid locationId, int bedsMin, int bedsMax, long priceMax, int limit) =>
        {
            await using var connection = await data.OpenConnectionAsync(context.RequestAborted);
            // The same three statements as pace-web: the location subtree, the page, the page's locations.
            var locations = new List<Guid>();
            await using (var subtree = new NpgsqlCommand(RawQueries.LocationSubtree, connection))
            {
                subtree.Parameters.AddWithValue("location", locationId);
                await using var reader = await subtree.ExecuteReaderAsync(context.RequestAborted);
                while (await reader.ReadAsync(context.RequestAborted))
                {
                    locations.Add(reader.GetGuid(0));
                }
            }

            var page = new List<Dictionary<string, object?>>();
            var pageLocations = new HashSet<Guid>();
            await using (var search = new NpgsqlCommand(RawQueries.ListingSearch, connection))
            {
                search.Parameters.AddWithValue("purpose", purpose);
                search.Parameters.AddWithValue("types", new[] { type });
                search.Parameters.AddWithValue("locations", locations.ToArray());
                search.Parameters.AddWithValue("bedsMin", bedsMin);
                search.Parameters.AddWithValue("bedsMax", bedsMax);
                search.Parameters.AddWithValue("priceMax", priceMax);
                search.Parameters.AddWithValue("take", limit + 1);
                await using var reader = await search.ExecuteReaderAsync(context.RequestAborted);
                while (await reader.ReadAsync(context.RequestAborted))
                {
                    var row = ReadRow(reader);
                    page.Add(row);
                    pageLocations.Add((Guid)row["location_id"]!);
                }
            }

            await using var names = new NpgsqlCommand(RawQueries.PageLocations, connection);
            names.Parameters.AddWithValue("ids", pageLocations.ToArray());
            await using var namesReader = await names.ExecuteReaderAsync(context.RequestAborted);
            var locationRows = new List<Dictionary<string, object?>>();
            while (await namesReader.ReadAsync(context.RequestAborted))
            {
                locationRows.Add(ReadRow(namesReader));
            }

            context.Response.ContentType = "application/json";
            await JsonSerializer.SerializeAsync(context.Response.Body, new { items = page.Take(limit), locations = locationRows }, cancellationToken: context.RequestAborted);
        });
        return app;
    }

    private static async Task WriteRowsAsync(HttpContext context, NpgsqlConnection connection, string sql, NpgsqlParameter[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        await using var reader = await command.ExecuteReaderAsync(context.RequestAborted);
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync(context.RequestAborted))
        {
            rows.Add(ReadRow(reader));
        }

        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, new { items = rows }, cancellationToken: context.RequestAborted);
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
