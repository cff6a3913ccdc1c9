using Microsoft.EntityFrameworkCore;
using Pace.Data;

namespace Pace.Local;

/// <summary>
/// The SQL that would create a database from the current EF model. EF's design-time package does not resolve here,
/// so migrations are written by hand: this is the starting point for one, and the schema test says what is missing.
/// </summary>
internal static class ModelSql
{
    public static string Generate(PaceDatabase database)
    {
        const string placeholder = "Host=localhost;Database=model";
        return database switch
        {
            PaceDatabase.Pace => Script(new PaceDbContext(new DbContextOptionsBuilder<PaceDbContext>().UseNpgsql(placeholder).Options)),
            PaceDatabase.PaceAi => Script(new PaceAiDbContext(new DbContextOptionsBuilder<PaceAiDbContext>().UseNpgsql(placeholder).Options)),
            _ => throw new ArgumentOutOfRangeException(nameof(database)),
        };
    }

    private static string Script(DbContext context)
    {
        using (context)
        {
            return context.Database.GenerateCreateScript();
        }
    }
}
