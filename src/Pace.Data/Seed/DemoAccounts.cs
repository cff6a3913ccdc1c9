namespace Pace.Data.Seed;

/// <summary>
/// The staff accounts of the demo brokerage that the README names and tests sign in as. Everyone else is
/// <c>firstname.lastname@allsop.example</c>.
/// </summary>
public static class DemoAccounts
{
    /// <summary>Admin, in no team.</summary>
    public const string Admin = "admin@allsop.example";

    /// <summary>Manager of the <see cref="MarinaTeam"/> team.</summary>
    public const string Manager = "manager@allsop.example";

    /// <summary>Agent in the <see cref="MarinaTeam"/> team.</summary>
    public const string Agent = "agent@allsop.example";

    /// <summary>Agent in the <see cref="DowntownTeam"/> team.</summary>
    public const string Agent2 = "agent2@allsop.example";

    public const string MarinaTeam = "Marina";

    public const string DowntownTeam = "Downtown";
}
