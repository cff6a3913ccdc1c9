using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Pace.Local;

/// <summary>
/// A private PostgreSQL cluster under <c>.pace/</c>, the one place that knows how to create, start, stop and reach it.
/// Created with initdb on first use (UTF8, superuser <c>pace</c> with a random password kept in
/// <c>.pace/&lt;name&gt;-password</c>, scram-sha-256); listens on 127.0.0.1 only and on no Unix socket; logs to
/// <c>.pace/&lt;name&gt;.log</c>. PostgreSQL refuses to run as root, so as root the data folder belongs to, and the
/// server runs as, the <c>postgres</c> user. A cluster that is already running (another <c>./pace</c> command started
/// it) is reused; a <c>postmaster.pid</c> left by a crash is recovered from.
/// </summary>
internal sealed partial class LocalPostgres
{
    public const string Superuser = "pace";
    public const string MaintenanceDatabase = "postgres";

    private const string PasswordAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private const long MaxLogBytes = 10 * 1024 * 1024;
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(60);

    private readonly Workspace _workspace;
    private readonly ILogger _logger;
    private readonly bool _forTests;
    private readonly string _applicationName = $"pace-local-{Environment.ProcessId}";
    private PostgresTools? _tools;
    private string? _password;

    private LocalPostgres(Workspace workspace, string name, string portVariable, int defaultPort, bool forTests, ILogger logger)
    {
        _workspace = workspace;
        _logger = logger;
        _forTests = forTests;
        DataDirectory = Path.Combine(workspace.StateDirectory, name);
        LogFile = DataDirectory + ".log";
        PasswordFile = DataDirectory + "-password";
        PortVariable = portVariable;
        Port = Settings.Port(portVariable, defaultPort);
    }

    public string DataDirectory { get; }

    public string LogFile { get; }

    public string PasswordFile { get; }

    /// <summary>The environment variable that moves the port (<c>PACE_PG_PORT</c>).</summary>
    public string PortVariable { get; }

    /// <summary>The configured port, or the port of the running cluster once one is reused.</summary>
    public int Port { get; private set; }

    /// <summary>Whether this process started the server (and so should stop it when it is done).</summary>
    public bool StartedHere { get; private set; }

    private string PidFile => Path.Combine(DataDirectory, "postmaster.pid");

    private string Name => _workspace.Display(DataDirectory);

    /// <summary>The superuser's password, generated when the cluster was created.</summary>
    public string Password => _password ??= File.ReadAllText(PasswordFile).Trim();

    /// <summary>The cluster of <c>./pace run</c>, <c>migrate</c>, <c>seed</c> and <c>psql</c>: <c>.pace/pg</c>, port 55432.</summary>
    public static LocalPostgres ForRun(Workspace workspace, ILogger logger) =>
        new(workspace, "pg", "PACE_PG_PORT", 55432, forTests: false, logger);

    /// <summary>
    /// The cluster of <c>./pace test</c>: <c>.pace/test-pg</c>, port 55433, never the data of <c>./pace run</c>; it trades
    /// durability for speed (no fsync), as throw-away test databases can.
    /// </summary>
    public static LocalPostgres ForTests(Workspace workspace, ILogger logger) =>
        new(workspace, "test-pg", "PACE_TEST_PG_PORT", 55433, forTests: true, logger);

    /// <summary>
    /// A connection string to <paramref name="database"/> as the superuser. Connections of this launcher carry its own
    /// application name, so it can tell them from everyone else's.
    /// </summary>
    public string ConnectionString(string database, string? applicationName = null) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = Superuser,
        Password = Password,
        Database = database,
        ApplicationName = applicationName ?? _applicationName,
    }.ConnectionString;

    /// <summary>The application name of this launcher's connections, for a psql it starts.</summary>
    public string LauncherApplicationName => _applicationName;

    /// <summary>
    /// Creates the cluster on first use and starts it, or reuses it when it is already running. Returns whether this
    /// call started it.
    /// </summary>
    public async Task<bool> StartAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var tools = await ToolsAsync(cancellationToken);
        await EnsureInitializedAsync(tools, cancellationToken);
        if (await RunningPortAsync(tools, cancellationToken) is { } runningPort)
        {
            Port = runningPort;
            LogReused(_logger, Name, Port);
            await WaitUntilAcceptingAsync(cancellationToken);
            return false;
        }

        if (!PortProbe.IsFree(Port))
        {
            throw new LauncherException($"port {Port} (PostgreSQL) is already in use (set {PortVariable} to use another)");
        }

        if (!await PostgresTools.ServiceUserCanWriteAsync(DataDirectory, cancellationToken))
        {
            throw Unreachable();
        }

        await PrepareLogFileAsync(cancellationToken);
        var logStart = File.Exists(LogFile) ? new FileInfo(LogFile).Length : 0;
        // Not cancellable: a half-started server is worse than a start that completes and is then stopped.
        var result = await tools.RunServerProgramAsync(
            "pg_ctl",
            ["start", "-D", DataDirectory, "-l", LogFile, "-w", "-t", "120", "-s", "-o", $"-p {Port.ToString(CultureInfo.InvariantCulture)}"],
            _workspace.StateDirectory,
            CancellationToken.None);
        if (!result.Succeeded)
        {
            throw new LauncherException(
                $"PostgreSQL did not start: {LastLogProblem(logStart) ?? result.LastLine} (log: {_workspace.Display(LogFile)})");
        }

        StartedHere = true;
        LogStarted(_logger, Name, Port);
        await WaitUntilAcceptingAsync(cancellationToken);
        return true;
    }

    /// <summary>Stops the server (fast: open sessions are ended), leaving no process and no postmaster.pid behind.</summary>
    public async Task StopAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (!File.Exists(PidFile))
        {
            return;
        }

        var tools = await ToolsAsync(CancellationToken.None);
        var stop = await tools.RunServerProgramAsync(
            "pg_ctl", ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "60", "-s"], _workspace.StateDirectory, CancellationToken.None);
        if (stop.Succeeded)
        {
            LogStopped(_logger, Name);
            return;
        }

        var status = await tools.RunServerProgramAsync("pg_ctl", ["status", "-D", DataDirectory], _workspace.StateDirectory, CancellationToken.None);
        if (status.ExitCode == 3)
        {
            // Not running: the pid file is a leftover of a crash, and a lock nobody holds.
            File.Delete(PidFile);
            return;
        }

        LogStopFailed(_logger, Name, stop.LastLine);
    }

    /// <summary>
    /// Stops the server unless someone else is connected (a <c>./pace run</c> that adopted it meanwhile, which stops it
    /// when it ends).
    /// </summary>
    public async Task StopUnlessInUseAsync()
    {
        NpgsqlConnection.ClearAllPools();
        var others = await CountOtherSessionsAsync();
        if (others > 0)
        {
            LogLeftRunning(_logger, Name, others);
            return;
        }

        await StopAsync();
    }

    /// <summary>Runs <paramref name="work"/> against the cluster, starting it for the time being when it is not running.</summary>
    public async Task<T> UseAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            await StartAsync(cancellationToken);
            return await work(cancellationToken);
        }
        finally
        {
            if (StartedHere)
            {
                await StopUnlessInUseAsync();
            }
        }
    }

    /// <summary>A client program (psql) of the installation that runs the server, else the one on PATH.</summary>
    public string ClientProgram(string name) =>
        _tools is { } tools && File.Exists(tools.Program(name)) ? tools.Program(name) : name;

    public Task<bool> CreateDatabaseIfMissingAsync(string database, CancellationToken cancellationToken) =>
        Databases.CreateIfMissingAsync(ConnectionString(database), cancellationToken);

    public Task DropDatabaseIfExistsAsync(string database, CancellationToken cancellationToken) =>
        Databases.DropIfExistsAsync(ConnectionString(MaintenanceDatabase), database, cancellationToken);

    private async Task<PostgresTools> ToolsAsync(CancellationToken cancellationToken)
    {
        if (_tools is not null)
        {
            return _tools;
        }

        var clusterVersion = ClusterVersion();
        var tools = await PostgresTools.LocateAsync(clusterVersion, cancellationToken);
        if (clusterVersion is { } version && version != tools.MajorVersion)
        {
            throw new LauncherException(
                $"the cluster in {Name} was made by PostgreSQL {version} but the programs found ({tools.BinDirectory}) are PostgreSQL {tools.MajorVersion}: install PostgreSQL {version}, set PACE_PG_BIN, or reset the local data (rm -rf {Name})");
        }

        return _tools = tools;
    }

    private int? ClusterVersion()
    {
        var versionFile = Path.Combine(DataDirectory, "PG_VERSION");
        return File.Exists(versionFile) && int.TryParse(File.ReadAllText(versionFile).Trim(), CultureInfo.InvariantCulture, out var version)
            ? version
            : null;
    }

    private async Task EnsureInitializedAsync(PostgresTools tools, CancellationToken cancellationToken)
    {
        if (ClusterVersion() is not null)
        {
            if (!File.Exists(PasswordFile))
            {
                throw new LauncherException(
                    $"{_workspace.Display(PasswordFile)} is missing, so the cluster in {Name} cannot be opened: restore it or reset the local data (rm -rf {Name})");
            }

            return;
        }

        if (Directory.Exists(DataDirectory) && Directory.EnumerateFileSystemEntries(DataDirectory).Any())
        {
            throw new LauncherException($"{Name} holds files but no PostgreSQL cluster (an interrupted first start?): remove it (rm -rf {Name}) and try again");
        }

        LogCreating(_logger, Name, tools.MajorVersion);
        CreateStateDirectory();
        Directory.CreateDirectory(DataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var password = RandomNumberGenerator.GetString(PasswordAlphabet, 32);
        var passwordInput = Path.Combine(_workspace.StateDirectory, $".{Path.GetFileName(DataDirectory)}-initdb-password");
        await WritePrivateFileAsync(passwordInput, password, cancellationToken);
        try
        {
            await PostgresTools.GiveToServiceUserAsync([DataDirectory, passwordInput], cancellationToken);
            if (!await PostgresTools.ServiceUserCanWriteAsync(DataDirectory, cancellationToken))
            {
                Directory.Delete(DataDirectory, recursive: true);
                throw Unreachable();
            }

            // glibc's built-in C.UTF-8: code-point order like C, and lower()/upper()/ILIKE that know non-ASCII letters.
            var locale = Directory.Exists("/usr/lib/locale/C.utf8") ? "C.UTF-8" : "C";
            string[] arguments =
            [
                "-D", DataDirectory, "-U", Superuser, $"--pwfile={passwordInput}", "--auth=scram-sha-256",
                "--encoding=UTF8", $"--locale={locale}", .. _forTests ? ["--no-sync"] : Array.Empty<string>(),
            ];
            var result = await tools.RunServerProgramAsync("initdb", arguments, _workspace.StateDirectory, CancellationToken.None);
            if (!result.Succeeded)
            {
                Directory.Delete(DataDirectory, recursive: true);
                throw new LauncherException($"initdb failed: {result.LastLine}");
            }

            await File.AppendAllTextAsync(Path.Combine(DataDirectory, "postgresql.conf"), ClusterSettings(), CancellationToken.None);
            await WritePrivateFileAsync(PasswordFile, password + "\n", CancellationToken.None);
            _password = password;
        }
        finally
        {
            File.Delete(passwordInput);
        }
    }

    private string ClusterSettings()
    {
        var settings = new StringBuilder()
            .AppendLine()
            .AppendLine("# Written by ./pace (src/Pace.Local/LocalPostgres.cs): a private cluster on loopback, no Unix socket.")
            .AppendLine("listen_addresses = '127.0.0.1'")
            .AppendLine("unix_socket_directories = ''")
            .AppendLine("timezone = 'UTC'")
            .AppendLine("log_timezone = 'UTC'")
            .AppendLine("max_connections = 200");
        if (_forTests)
        {
            settings
                .AppendLine("# Test databases are thrown away: durability buys nothing here.")
                .AppendLine("fsync = off")
                .AppendLine("synchronous_commit = off")
                .AppendLine("full_page_writes = off");
        }

        return settings.ToString();
    }

    /// <summary>
    /// The port of the cluster when its server is running, from <c>postmaster.pid</c>. A pid file left by a crash is
    /// ignored (PostgreSQL replaces it when it starts); one whose process id now belongs to another program is removed.
    /// </summary>
    private async Task<int?> RunningPortAsync(PostgresTools tools, CancellationToken cancellationToken)
    {
        if (!File.Exists(PidFile))
        {
            return null;
        }

        var status = await tools.RunServerProgramAsync("pg_ctl", ["status", "-D", DataDirectory], _workspace.StateDirectory, cancellationToken);
        var lines = File.Exists(PidFile) ? await File.ReadAllLinesAsync(PidFile, cancellationToken) : [];
        if (!status.Succeeded || lines.Length < 4)
        {
            LogRecovering(_logger, Name);
            return null;
        }

        var processId = int.Parse(lines[0].Trim(), CultureInfo.InvariantCulture);
        if (!await IsThisClustersServerAsync(processId, cancellationToken))
        {
            LogRecovering(_logger, Name);
            File.Delete(PidFile);
            return null;
        }

        return int.Parse(lines[3].Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Whether <paramref name="processId"/> is the server of this data folder: after a crash and a reboot (or in a
    /// container) the id in a stale pid file can belong to any program, even another cluster's server. The server
    /// works in its data folder, so its working directory tells.
    /// </summary>
    private async Task<bool> IsThisClustersServerAsync(int processId, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux())
        {
            return true;
        }

        string? workingDirectory;
        try
        {
            workingDirectory = new DirectoryInfo($"/proc/{processId}/cwd").LinkTarget;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            workingDirectory = null;
        }

        if (workingDirectory is null)
        {
            // Not ours to inspect: trust pg_ctl, which found it alive.
            return true;
        }

        var canonical = await ToolProcess.RunAsync("realpath", [DataDirectory], _workspace.StateDirectory, cancellationToken);
        return !canonical.Succeeded || workingDirectory == canonical.LastLine;
    }

    private async Task WaitUntilAcceptingAsync(CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString(MaintenanceDatabase)) { Pooling = false, Timeout = 5 };
        var deadline = DateTime.UtcNow + ConnectTimeout;
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(cancellationToken);
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidPassword)
            {
                throw new LauncherException(
                    $"the password in {_workspace.Display(PasswordFile)} does not open the cluster in {Name}: restore it or reset the local data (rm -rf {Name})");
            }
            catch (NpgsqlException ex) when (DateTime.UtcNow < deadline && !cancellationToken.IsCancellationRequested)
            {
                LogWaiting(_logger, Port, ex.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }
            catch (NpgsqlException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new LauncherException($"PostgreSQL on port {Port} does not accept connections: {ex.Message}");
            }
        }
    }

    private async Task<long> CountOtherSessionsAsync()
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(ConnectionString(MaintenanceDatabase)) { Pooling = false, Timeout = 5 };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND application_name <> @mine",
                connection);
            command.Parameters.AddWithValue("mine", _applicationName);
            return (long)(await command.ExecuteScalarAsync())!;
        }
        catch (NpgsqlException)
        {
            return 0;
        }
    }

    private void CreateStateDirectory()
    {
        Directory.CreateDirectory(_workspace.StateDirectory);
        if (PostgresTools.RunAsServiceUser)
        {
            // The postgres user must pass through .pace to its data folder and log (the password files stay 0600).
            var mode = File.GetUnixFileMode(_workspace.StateDirectory);
            File.SetUnixFileMode(_workspace.StateDirectory, mode | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
    }

    private async Task PrepareLogFileAsync(CancellationToken cancellationToken)
    {
        // One generation of history is enough for a developer's cluster.
        if (File.Exists(LogFile) && new FileInfo(LogFile).Length > MaxLogBytes)
        {
            File.Move(LogFile, LogFile + ".1", overwrite: true);
        }

        if (!PostgresTools.RunAsServiceUser)
        {
            return;
        }

        // pg_ctl opens the log as the postgres user, which cannot create files in .pace.
        if (!File.Exists(LogFile))
        {
            await File.WriteAllTextAsync(LogFile, "", cancellationToken);
        }

        await PostgresTools.GiveToServiceUserAsync([LogFile], cancellationToken);
    }

    /// <summary>The last FATAL/PANIC/ERROR line the server logged after <paramref name="offset"/>: why it did not start.</summary>
    private string? LastLogProblem(long offset)
    {
        if (!File.Exists(LogFile))
        {
            return null;
        }

        using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(Math.Min(offset, stream.Length), SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n')
            .LastOrDefault(l => l.Contains("FATAL:", StringComparison.Ordinal) || l.Contains("PANIC:", StringComparison.Ordinal) || l.Contains("ERROR:", StringComparison.Ordinal))
            ?.Trim();
    }

    private LauncherException Unreachable()
    {
        var blocked = new DirectoryInfo(_workspace.StateDirectory);
        for (var directory = blocked; directory is not null; directory = directory.Parent)
        {
            if ((File.GetUnixFileMode(directory.FullName) & UnixFileMode.OtherExecute) == 0)
            {
                blocked = directory;
            }
        }

        return new LauncherException(
            $"PostgreSQL refuses to run as root and runs as the '{PostgresTools.ServiceUser}' user, which cannot reach {DataDirectory}: let it through {blocked.FullName} (chmod o+x {blocked.FullName}) or clone the repository where it can");
    }

    private static async Task WritePrivateFileAsync(string path, string content, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        await using var stream = new FileStream(path, options);
        await stream.WriteAsync(Encoding.UTF8.GetBytes(content), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "creating a PostgreSQL {Version} cluster in {Cluster} (first use)")]
    private static partial void LogCreating(ILogger logger, string cluster, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL ({Cluster}) started on 127.0.0.1:{Port}")]
    private static partial void LogStarted(ILogger logger, string cluster, int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL ({Cluster}) is already running on 127.0.0.1:{Port}: using it")]
    private static partial void LogReused(ILogger logger, string cluster, int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL ({Cluster}) was not shut down cleanly: starting it anyway (it recovers)")]
    private static partial void LogRecovering(ILogger logger, string cluster);

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL ({Cluster}) stopped")]
    private static partial void LogStopped(ILogger logger, string cluster);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL ({Cluster}) did not stop: {Reason}")]
    private static partial void LogStopFailed(ILogger logger, string cluster, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL ({Cluster}) stays running: {Sessions} other session(s) use it")]
    private static partial void LogLeftRunning(ILogger logger, string cluster, long sessions);

    [LoggerMessage(Level = LogLevel.Debug, Message = "waiting for PostgreSQL on port {Port}: {Reason}")]
    private static partial void LogWaiting(ILogger logger, int port, string reason);
}
