using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.Data.Tests;

/// <summary>Each packable project ships a README of its own (nuget.org shows it): usage, and only absolute links, which work there.</summary>
public sealed class PackageReadmeTests
{
    /// <summary>Every project under <c>src/</c>: each is a package.</summary>
    public static TheoryData<string> Packages()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.EnumerateDirectories(Path.Combine(TestEnvironment.RepositoryRoot, "src")).Order(StringComparer.Ordinal))
        {
            if (File.Exists(Path.Combine(dir, Path.GetFileName(dir) + ".csproj")))
            {
                data.Add(Path.GetFileName(dir));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void Each_package_has_its_own_readme_with_usage_and_only_absolute_links(string project)
    {
        var path = Path.Combine(TestEnvironment.RepositoryRoot, "src", project, "README.md");
        File.Exists(path).Should().BeTrue(path);
        var text = File.ReadAllText(path);

        text.Should().StartWith("# ").And.Contain("```", "a package README shows how to use it");
        var links = Regex.Matches(text, @"\]\(([^)]+)\)").Select(m => m.Groups[1].Value).ToList();
        links.Should().NotBeEmpty().And.OnlyContain(l => l.StartsWith("https://"), "relative links break on nuget.org");
        links.Where(l => l.Contains("github.com")).Should().OnlyContain(l => l.StartsWith("https://github.com/visiondrive/VisionDrive.Parking.Data/"));
        File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "src", "Directory.Build.props"))
            .Should().Contain("$(MSBuildProjectDirectory)/README.md", "the package carries the README beside its project, not the repository's");
    }
}
