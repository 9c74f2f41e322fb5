using System.Net;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.ReliabilityTests.Backup;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.ReliabilityTests.Hosting;

/// <summary>
/// The log files a node writes with its shipped levels, after a desk's work on a few members: searches by ID
/// number and by name, member pages, registry checks, submissions and a failed sign-in.
/// </summary>
public sealed class LogPrivacyTests
{
    [Fact]
    public async Task A_desks_work_leaves_no_id_number_or_member_name_in_the_logs()
    {
        await using var database = TestDatabase.Create(DatabaseProvider.Sqlite);
        var settings = AppProcess.DemoSettings(database);
        settings["Verification:Interval"] = "00:00:02";
        var logs = Path.Combine(database.Folder, "logs");
        List<(int Id, string IdNumber, string Name)> members;
        await using (var node = new AppProcess(settings))
        {
            await node.StartAsync();
            members = await MembersAsync(database, (await DeskWriter.FreeMembersAsync(database)).Take(3).ToList());
            using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = node.Address };
            using (await SignInClient.PostSignInAsync(client, members[0].IdNumber, "a wrong password"))
            {
            }

            await SignInClient.SignInAsync(client, DemoAccounts.Officer);
            await DeskClient.ChooseStationAsync(client);
            foreach (var member in members)
            {
                await OkAsync(client, $"/members?q={member.IdNumber}");
                await OkAsync(client, $"/members?q={Uri.EscapeDataString(member.Name)}");
                await OkAsync(client, $"/members/{member.Id}");
                await OkAsync(client, $"/desk/members/{member.Id}");
                using var submitted = await DeskClient.SubmitAsync(client, member.Id, Guid.NewGuid(), DeskWriter.Photo, DeskWriter.Signature, DeskWriter.Strokes);
                submitted.StatusCode.Should().Be(HttpStatusCode.OK, await submitted.Content.ReadAsStringAsync());
            }

            // Saved without a check, the records are checked by the re-check worker: its registry calls are logged too.
            await WaitUntilCheckedAsync(database, members.Select(m => m.Id).ToList());
            await node.StopAsync();
        }

        var written = string.Concat(await Task.WhenAll(Directory.GetFiles(logs).Select(f => File.ReadAllTextAsync(f))));
        written.Should().Contain("/desk/members/", "the requests were logged, by path");
        foreach (var member in members)
        {
            written.Should().NotContain(member.IdNumber);
            written.Should().NotContain(member.Name);
            written.Should().NotContain(System.Text.Json.JsonSerializer.Serialize(member.Name).Trim('"'), "the file is JSON, which may escape the diacritics");
        }
    }

    private static async Task WaitUntilCheckedAsync(TestDatabase database, List<int> members)
    {
        for (var attempt = 0; attempt < 120; attempt++)
        {
            await using var db = database.CreateContext(DataScope.System);
            if (await db.RegistryChecks.CountAsync(c => members.Contains(c.MemberId)) >= members.Count)
            {
                return;
            }

            await Task.Delay(500);
        }

        throw new TimeoutException("The re-check worker did not check the saved records.");
    }

    private static async Task OkAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK, path);
    }

    private static async Task<List<(int, string, string)>> MembersAsync(TestDatabase database, List<int> ids)
    {
        await using var db = database.CreateContext(DataScope.System);
        var rows = await db.PartyMembers.Where(m => ids.Contains(m.Id)).OrderBy(m => m.Id).ToListAsync();
        return rows.Select(m => (m.Id, m.IdNumber.Value, m.FullName)).ToList();
    }
}
