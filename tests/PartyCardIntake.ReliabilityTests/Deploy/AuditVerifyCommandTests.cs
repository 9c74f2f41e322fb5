using System.Net;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.ReliabilityTests.Backup;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.ReliabilityTests.Deploy;

/// <summary>
/// <c>audit verify</c> run as an operator runs it, on a trail the application wrote, after someone with the
/// database owner's rights lifted the guards and edited one entry.
/// </summary>
public sealed class AuditVerifyCommandTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Audit_verify_names_an_entry_that_was_edited_in_the_database(DatabaseProvider provider)
    {
        await using var database = TestDatabase.Create(provider);
        var settings = AppProcess.DemoSettings(database);
        await using (var node = new AppProcess(settings))
        {
            await node.StartAsync();
            using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = node.Address };
            using var failed = await SignInClient.PostSignInAsync(client, DemoAccounts.Officer, "not-the-password");
            await SignInClient.SignInAsync(client, DemoAccounts.Officer);
            (await client.GetAsync("/members")).Dispose();
            await node.StopAsync();
        }

        var intact = await Commands.AppAsync(settings, "audit", "verify");
        intact.ExitCode.Should().Be(0, intact.ToString());
        intact.Output.Should().Contain("Audit chain intact");

        await using (var db = database.CreateContext(DataScope.System, retrying: false))
        {
            var ids = await db.AuditEntries.OrderBy(e => e.Id).Select(e => e.Id).ToListAsync();
            ids.Should().HaveCountGreaterThanOrEqualTo(3, "the failed sign-in, the sign-in and the refused or opened page were recorded");
            var victim = ids[ids.Count / 2];
            await db.Database.ExecuteSqlRawAsync(provider == DatabaseProvider.PostgreSql
                ? "DROP TRIGGER \"AuditEntries_no_change\" ON \"AuditEntries\""
                : "DROP TRIGGER \"AuditEntries_no_update\"");
            (await db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"UserName\" = 'someone.else' WHERE \"Id\" = {0}", victim)).Should().Be(1);

            var broken = await Commands.AppAsync(settings, "audit", "verify");
            broken.ExitCode.Should().Be(1, broken.ToString());
            broken.Output.Should().Contain($"Audit chain broken at entry {victim}").And.Contain("the entry was changed");
        }
    }
}
