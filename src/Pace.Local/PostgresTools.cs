using System.Globalization;
using System.Text.RegularExpressions;

namespace Pace.Local;

/// <summary>
/// The PostgreSQL server programs of this machine (initdb, pg_ctl, psql) and how to run them: PostgreSQL refuses to
/// run as root, so when the launcher is root they run as the unprivileged <c>postgres</c> user (<c>runuser</c>).
/// </summary>
internal sealed partial class PostgresTools
{
    public const string ServiceUser = "postgres";
    private const int MinimumMajorVersion = 15;

    private PostgresTools(string binDirectory, int majorVersion)
    {
        BinDirectory = binDirectory;
        MajorVersion = majorVersion;
    }

    public string BinDirectory { get; }

    public int MajorVersion { get; }

    /// <summary>Whether the server programs run as <see cref="ServiceUser"/> (the launcher is root).</summary>
    public static bool RunAsServiceUser => !OperatingSystem.IsWindows() && Environment.IsPrivilegedProcess;

    /// <summary>
    /// Finds the programs: <c>PACE_PG_BIN</c>; else the version a cluster was created with
    /// (<paramref name="clusterVersion"/>) under Debian's <c>/usr/lib/postgresql/N/bin</c>; else <c>pg_config
    /// --bindir</c>; else the newest <c>/usr/lib/postgresql/N/bin</c>; else <c>initdb</c> on PATH.
    /// </summary>
    public static async Task<PostgresTools> LocateAsync(int? clusterVersion, CancellationToken cancellationToken)
    {
        var binDirectory = await FindBinDirectoryAsync(clusterVersion, cancellationToken)
            ?? throw new LauncherException(
                "PostgreSQL server programs (initdb) not found: install PostgreSQL 15 or newer (Debian: apt-get install postgresql) or set PACE_PG_BIN to the folder holding initdb");
        var version = await ToolProcess.RunAsync(Path.Combine(binDirectory, "pg_ctl"), ["--version"], binDirectory, cancellationToken);
        var match = VersionPattern().Match(version.Output);
        if (!version.Succeeded || !match.Success)
        {
            throw new LauncherException($"cannot tell the version of {Path.Combine(binDirectory, "pg_ctl")}: {version.LastLine}");
        }

        var major = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        if (major < MinimumMajorVersion)
        {
            throw new LauncherException($"PostgreSQL {major} in {binDirectory} is too old: PACE needs {MinimumMajorVersion} or newer (set PACE_PG_BIN to another installation)");
        }

        if (RunAsServiceUser)
        {
            var user = await ToolProcess.RunAsync("id", ["-u", ServiceUser], binDirectory, cancellationToken);
            if (!user.Succeeded)
            {
                throw new LauncherException(
                    $"PostgreSQL refuses to run as root and there is no '{ServiceUser}' user to run it as: create one (useradd --system {ServiceUser}) or run ./pace as a normal user");
            }
        }

        return new PostgresTools(binDirectory, major);
    }

    public string Program(string name) => Path.Combine(BinDirectory, name);

    /// <summary>Runs a server program (initdb, pg_ctl) as the user that owns the cluster.</summary>
    public Task<ToolProcess.Result> RunServerProgramAsync(string name, IEnumerable<string> arguments, string workingDirectory, CancellationToken cancellationToken) =>
        RunAsServiceUser
            ? ToolProcess.RunAsync("runuser", ["-u", ServiceUser, "--", Program(name), .. arguments], workingDirectory, cancellationToken)
            : ToolProcess.RunAsync(Program(name), arguments, workingDirectory, cancellationToken);

    /// <summary>Whether the user that runs the server can write <paramref name="path"/> (and reach it).</summary>
    public static async Task<bool> ServiceUserCanWriteAsync(string path, CancellationToken cancellationToken) =>
        !RunAsServiceUser
        || (await ToolProcess.RunAsync("runuser", ["-u", ServiceUser, "--", "test", "-w", path], Path.GetTempPath(), cancellationToken)).Succeeded;

    /// <summary>Gives <paramref name="paths"/> to the user that runs the server.</summary>
    public static async Task GiveToServiceUserAsync(IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        if (!RunAsServiceUser)
        {
            return;
        }

        var result = await ToolProcess.RunAsync("chown", [$"{ServiceUser}:", .. paths], Path.GetTempPath(), cancellationToken);
        if (!result.Succeeded)
        {
            throw new LauncherException($"cannot give the PostgreSQL files to the '{ServiceUser}' user: {result.LastLine}");
        }
    }

    private static async Task<string?> FindBinDirectoryAsync(int? clusterVersion, CancellationToken cancellationToken)
    {
        if (Environment.GetEnvironmentVariable("PACE_PG_BIN") is { Length: > 0 } configured)
        {
            return HasInitdb(configured)
                ? Path.GetFullPath(configured)
                : throw new LauncherException($"PACE_PG_BIN='{configured}' does not hold initdb");
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (clusterVersion is { } version && HasInitdb(Path.Combine(debianRoot, version.ToString(CultureInfo.InvariantCulture), "bin")))
        {
            return Path.Combine(debianRoot, version.ToString(CultureInfo.InvariantCulture), "bin");
        }

        if (FindOnPath("pg_config") is { } pgConfig)
        {
            var result = await ToolProcess.RunAsync(pgConfig, ["--bindir"], Path.GetTempPath(), cancellationToken);
            if (result.Succeeded && HasInitdb(result.LastLine))
            {
                return result.LastLine;
            }
        }

        if (Directory.Exists(debianRoot))
        {
            var newest = Directory.GetDirectories(debianRoot)
                .Select(d => (Directory: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), CultureInfo.InvariantCulture, out var v) ? v : 0))
                .Where(c => c.Version > 0 && HasInitdb(c.Directory))
                .OrderByDescending(c => c.Version)
                .FirstOrDefault();
            if (newest.Directory is not null)
            {
                return newest.Directory;
            }
        }

        return FindOnPath("initdb") is { } initdb ? Path.GetDirectoryName(initdb) : null;
    }

    private static bool HasInitdb(string directory) => File.Exists(Path.Combine(directory, "initdb"));

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);

    [GeneratedRegex(@"\(PostgreSQL\)\s+(\d+)")]
    private static partial Regex VersionPattern();
}
