using System.Buffers.Binary;
using Microsoft.EntityFrameworkCore;
using Pace.Data;
using Pace.Media;

namespace Pace.Web.Media;

/// <summary>
/// Serialises, across replicas, what references a stored file and what deletes it: an upload (store the file, add its
/// row) and a removal (remove the row, delete the file if no other row points to it) of the same key never interleave,
/// so a file is never deleted under a row that was just added. A PostgreSQL session advisory lock on the request's own
/// connection, keyed by the hash (the two-number form, apart from the single-number locks of jobs and migrations).
/// </summary>
public static class MediaKeyLock
{
    /// <summary>Arbitrary, fixed: the first number of every media lock ("MEDI").</summary>
    private const int LockClass = 0x4D454449;

    public static async Task<T> RunAsync<T>(PaceDbContext db, MediaKey key, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        var id = BinaryPrimitives.ReadInt32BigEndian(Convert.FromHexString(key.Hash.AsSpan(0, 8)));
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({LockClass}, {id})", cancellationToken);
            try
            {
                return await work();
            }
            finally
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({LockClass}, {id})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
