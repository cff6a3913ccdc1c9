using System.Runtime.Versioning;
using Microsoft.Extensions.Logging;
using Pace.Data;
using Pace.Local;

// The launcher drives POSIX tools and signals (runuser, pg_ctl, SIGTERM); PACE develops and deploys on Linux.
[assembly: UnsupportedOSPlatform("windows")]

// Commands of ./pace that need .NET (see the script for prerequisites, build and help). Every failure the person can
// act on ends with one line "pace: …" on stderr and exit code 1.
using var loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(new LauncherLoggerProvider()));
var logger = loggerFactory.CreateLogger("pace");

try
{
    return args switch
    {
        ["run"] => await RunCommand.ExecuteAsync(Workspace.Locate(), logger),
        ["test", .. var testArguments] => await TestCommand.ExecuteAsync(Workspace.Locate(), testArguments, logger),
        ["migrate"] => await MigrateCommand.MigrateAsync(Workspace.Locate, logger),
        ["token", "create", .. var tokenArguments] => await TokenCommand.ExecuteAsync(Workspace.Locate, tokenArguments, logger),
        ["bench", "generate" or "run", ..] => await BenchCommand.ExecuteAsync(Workspace.Locate(), args[1..], logger),
        ["seed"] => await MigrateCommand.SeedAsync(Workspace.Locate(), logger),
        ["psql", .. var psqlArguments] => await PsqlCommand.ExecuteAsync(Workspace.Locate(), psqlArguments, logger),
        ["model-sql", "pace"] => ModelSqlCommand(PaceDatabase.Pace),
        ["model-sql", "pace_ai"] => ModelSqlCommand(PaceDatabase.PaceAi),
        _ => Usage(),
    };
}
catch (LauncherException ex)
{
    ConsoleSink.Error("pace: " + string.Join(' ', ex.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
    return 1;
}

static int ModelSqlCommand(PaceDatabase database)
{
    Console.Write(ModelSql.Generate(database));
    return 0;
}

static int Usage()
{
    ConsoleSink.Error("usage: pace-local run | test [dotnet test arguments] | migrate | seed | psql [pace|pace_ai] [psql arguments] | model-sql pace|pace_ai | token create --user EMAIL [--name NAME] [--scopes a,b] [--days N] | bench generate|run [options] (see ./pace help)");
    return 2;
}
