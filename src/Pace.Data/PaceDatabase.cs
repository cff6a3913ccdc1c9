namespace Pace.Data;

/// <summary>The two databases of PACE: the CRM's and the AI suite's.</summary>
public enum PaceDatabase
{
    /// <summary>Pace DB (<c>pace</c>): applicants, listings, users, teams, viewings, activities, audit, outbox.</summary>
    Pace,

    /// <summary>AI DB (<c>pace_ai</c>): conversations, transcripts, analyses, agent runs, embeddings.</summary>
    PaceAi,
}

public static class PaceDatabaseNames
{
    /// <summary>The configuration key under <c>ConnectionStrings</c> and the default database name.</summary>
    public static string ConnectionName(this PaceDatabase database) => database switch
    {
        PaceDatabase.Pace => "Pace",
        PaceDatabase.PaceAi => "PaceAi",
        _ => throw new ArgumentOutOfRangeException(nameof(database)),
    };

    public static string DefaultDatabaseName(this PaceDatabase database) => database switch
    {
        PaceDatabase.Pace => "pace",
        PaceDatabase.PaceAi => "pace_ai",
        _ => throw new ArgumentOutOfRangeException(nameof(database)),
    };
}
