namespace Pace.Local;

/// <summary>
/// The repository the launcher works in: its root, the <c>.pace/</c> folder that holds local state (gitignored), and
/// the build output the services are started from (the one this launcher was built into: same configuration).
/// </summary>
internal sealed class Workspace
{
    private const string SolutionFile = "Pace.slnx";

    private Workspace(string root, string buildOutput)
    {
        Root = root;
        BuildOutput = buildOutput;
    }

    public string Root { get; }

    /// <summary>The output folder relative to a project, such as <c>bin/Debug/net10.0</c>.</summary>
    public string BuildOutput { get; }

    /// <summary>The build configuration (<c>Debug</c>), so <c>dotnet test --no-build</c> finds what was built.</summary>
    public string Configuration => BuildOutput.Split('/', '\\') is ["bin", var configuration, ..] ? configuration : "Debug";

    public string StateDirectory => Path.Combine(Root, ".pace");

    /// <summary>The repository of <c>PACE_ROOT</c> (set by <c>./pace</c>), else the one this launcher was built in.</summary>
    public static Workspace Locate()
    {
        var root = Environment.GetEnvironmentVariable("PACE_ROOT") is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : FindRoot(AppContext.BaseDirectory) ?? FindRoot(Environment.CurrentDirectory);
        if (root is null || !File.Exists(Path.Combine(root, SolutionFile)))
        {
            throw new LauncherException($"cannot find the PACE repository ({SolutionFile}): run ./pace from a clone of it");
        }

        var relative = Path.GetRelativePath(Path.Combine(root, "src", "Pace.Local"), AppContext.BaseDirectory)
            .TrimEnd(Path.DirectorySeparatorChar);
        var buildOutput = relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? relative
            : Path.Combine("bin", "Debug", "net10.0");
        return new Workspace(root, buildOutput);
    }

    public string ProjectDirectory(string project) => Path.Combine(Root, "src", project);

    /// <summary>The built entry assembly of a service project; a clear error when it has not been built.</summary>
    public string ServiceAssembly(string project)
    {
        var path = Path.Combine(ProjectDirectory(project), BuildOutput, project + ".dll");
        return File.Exists(path)
            ? path
            : throw new LauncherException($"{Display(path)} is missing: build first (./pace run builds the solution)");
    }

    /// <summary>A path as the person at the terminal reads it best: relative to the repository.</summary>
    public string Display(string path) => Path.GetRelativePath(Root, path);

    private static string? FindRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
