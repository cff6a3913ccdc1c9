using Npgsql;

namespace Pace.Web.Common;

/// <summary>
/// One replica at a time: a background job takes a PostgreSQL session advisory lock for its round, and a replica that
/// finds it taken skips the round instead of doing the same work twice.
/// </summary>
public static class ReplicaLock
{
    /// <summary>Runs <paramref name="work"/> holding the advisory lock <paramref name="key"/>; false when another replica holds it.</summary>
    public static async Task<(bool Ran, T Result)> TryRunAsync<T>(
        NpgsqlDataSource dataSource, long key, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(work);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var tryLock = new NpgsqlCommand($"SELECT pg_try_advisory_lock({key})", connection))
        {
            if (!(bool)(await tryLock.ExecuteScalarAsync(cancellationToken))!)
            {
                return (false, default!);
            }
        }

        try
        {
            return (true, await work());
        }
        finally
        {
            await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({key})", connection);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}
