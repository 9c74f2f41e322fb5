using Microsoft.Extensions.Configuration;
using PartyCardIntake.Infrastructure.Audit;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Infrastructure.Pdf;
using PartyCardIntake.Infrastructure.Registry;
using PartyCardIntake.ReliabilityTests.Backup;
using PartyCardIntake.Web.Features.Desk;
using PartyCardIntake.Web.Features.PreCheck;
using PartyCardIntake.Web.Features.Retention;
using PartyCardIntake.Web.Hosting;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.ReliabilityTests.Deploy;

/// <summary>
/// The configuration examples of deploy/config name only settings the application reads: a misspelt key
/// in an example would be copied onto servers and silently ignored there.
/// </summary>
public sealed class ConfigurationExampleTests
{
    private static readonly Dictionary<string, Type> Sections = new()
    {
        [DatabaseOptions.Section] = typeof(DatabaseOptions),
        [RegistryOptions.Section] = typeof(RegistryOptions),
        [SecurityOptions.Section] = typeof(SecurityOptions),
        [RateLimitOptions.Section] = typeof(RateLimitOptions),
        [SignInLifetime.Section] = typeof(SignInLifetime),
        [RetentionOptions.Section] = typeof(RetentionOptions),
        [AuditAnchorOptions.Section] = typeof(AuditAnchorOptions),
        [PdfOptions.Section] = typeof(PdfOptions),
        [PreCheckOptions.Section] = typeof(PreCheckOptions),
        [VerificationOptions.Section] = typeof(VerificationOptions),
        [MediaOptions.Section] = typeof(MediaOptions),
        [DemoOptions.Section] = typeof(DemoOptions),
        [NodeOptions.Section] = typeof(NodeOptions),
        [ProxyTrust.Section] = typeof(ProxyTrust),
    };

    // Read by other means: the connection string by name, Serilog by its own reader, the host filter by ASP.NET Core.
    private static readonly string[] OtherSections = ["ConnectionStrings", "Serilog", "AllowedHosts", "Logging"];

    public static TheoryData<string> Examples() => new(Directory.GetFiles(Path.Combine(Commands.DeployFolder, "config"), "*.json").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_setting_of_the_example_is_one_the_application_reads(string example)
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(Commands.DeployFolder, "config", example)).Build();
        var sections = configuration.GetChildren().Select(s => s.Key).ToList();
        sections.Should().Contain(DatabaseOptions.Section);
        sections.Except(Sections.Keys).Except(OtherSections).Should().BeEmpty("every section of {0} belongs to an options class", example);
        foreach (var section in sections.Intersect(Sections.Keys))
        {
            var bind = () => configuration.GetSection(section).Get(Sections[section], o => o.ErrorOnUnknownConfiguration = true);
            bind.Should().NotThrow("{0} of {1} names only properties of {2}", section, example, Sections[section].Name);
        }

        configuration.GetSection("ConnectionStrings").GetChildren().Select(c => c.Key).Should().BeSubsetOf([DatabaseServiceCollectionExtensions.ConnectionStringName]);
    }
}
