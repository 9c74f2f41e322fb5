using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Text;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.Benchmarks;

/// <summary>
/// The desk's server steps on SQLite with a commune of 20,000 members: finding a member (by ID number
/// and by name without diacritics), opening the member, the registry check against the built-in mock,
/// and saving an application with a photo and a signature. Each request goes through the whole
/// ASP.NET Core pipeline (in-memory test server), so the figure is the server's work for the step.
/// </summary>
internal static class DeskBenchmark
{
    public static async Task<IReadOnlyList<Measurement>> RunAsync(int members)
    {
        await using var app = new PartyCardAppFactory(DatabaseProvider.Sqlite);
        _ = app.Server;
        var ids = await TopUpFirstCommuneAsync(app, members);
        Console.WriteLine($"desk: first commune holds {ids.Count} members");

        using var client = app.CreateClient(new() { AllowAutoRedirect = false });
        await SignInClient.SignInAsync(client, DemoAccounts.Officer);
        await DeskClient.ChooseStationAsync(client);
        var token = await DeskClient.TokenAsync(client);
        var photo = DeskClient.Fixture("photo-600x800.jpg");
        var signature = DeskClient.Fixture("signature-600x200.png");
        var strokes = await File.ReadAllTextAsync(DeskClient.FixturePath("signature-600x200.json"));

        var random = new Random(42);
        var byId = new Measurement("find member by ID number");
        var byName = new Measurement("find member by name without diacritics");
        var open = new Measurement("open member at the desk");
        var check = new Measurement("registry check (built-in mock, over HTTP)");
        var save = new Measurement("save application (60 KB photo + signature)");

        // Warm-up: JIT, EF query caches, SQLite page cache.
        for (var i = 0; i < 40; i++)
        {
            var m = ids[random.Next(ids.Count)];
            await GetAsync(client, $"/desk/search?q={m.IdNumber}", null);
            await GetAsync(client, $"/desk/search?q={Uri.EscapeDataString(NameQuery(m.FullName))}", null);
        }

        for (var i = 0; i < 400; i++)
        {
            var m = ids[random.Next(ids.Count)];
            await GetAsync(client, $"/desk/search?q={m.IdNumber}", byId);
            await GetAsync(client, $"/desk/search?q={Uri.EscapeDataString(NameQuery(m.FullName))}", byName);
        }

        var unused = ids.OrderBy(_ => random.Next()).Take(320).ToList();
        for (var i = 0; i < unused.Count; i++)
        {
            var m = unused[i];
            var measure = i >= 20;
            await GetAsync(client, $"/desk/members/{m.Id}", measure ? open : null);
            await GetAsync(client, $"/desk/members/{m.Id}/check", measure ? check : null);
            var watch = Stopwatch.StartNew();
            using var response = await DeskClient.SubmitAsync(client, m.Id, Guid.NewGuid(), photo, signature, strokes, token);
            watch.Stop();
            response.EnsureSuccessStatusCode();
            if (measure)
            {
                save.Add(watch.Elapsed);
            }
        }

        return [byId, byName, open, check, save];
    }

    private static async Task GetAsync(HttpClient client, string url, Measurement? measurement)
    {
        var watch = Stopwatch.StartNew();
        using var response = await client.GetAsync(url);
        _ = await response.Content.ReadAsByteArrayAsync();
        watch.Stop();
        response.EnsureSuccessStatusCode();
        measurement?.Add(watch.Elapsed);
    }

    /// <summary>The last two words of the name, folded: what an officer types ("van hung").</summary>
    private static string NameQuery(string fullName)
    {
        var words = VietnameseText.Fold(fullName).Split(' ');
        return string.Join(' ', words[^2..]);
    }

    private sealed record Member(int Id, string IdNumber, string FullName);

    private static async Task<List<Member>> TopUpFirstCommuneAsync(PartyCardAppFactory app, int target)
    {
        await using var db = app.Database.CreateContext(DataScope.System);
        var code = DemoPopulationGenerator.DefaultShapes[0].Code;
        var commune = await db.Communes.SingleAsync(c => c.Code == code);
        var cells = await db.PartyCells.Where(c => c.CommuneId == commune.Id).Select(c => c.Id).ToListAsync();
        var existing = await db.PartyMembers.CountAsync(m => m.CommuneId == commune.Id);
        var taken = (await db.PartyMembers.Select(m => m.IdNumber).ToListAsync()).Select(i => i.Value).ToHashSet();

        var extra = DemoPopulationGenerator.Generate(seed: 7, shapes: [new("99999", commune.Name, target - existing + 50, 300, new(7, 0), new(17, 0), 1)]);
        var now = DateTime.UtcNow;
        var added = 0;
        var cellIndex = 0;
        foreach (var m in extra.Communes[0].Cells.SelectMany(c => c.Members))
        {
            if (existing + added >= target || !taken.Add(m.IdNumber.Value))
            {
                continue;
            }

            var member = PartyMember.Create(commune.Id, cells[cellIndex++ % cells.Count], m.IdNumber, m.FullName, m.Sex, m.BirthYear, m.BirthDate, now);
            member.Address = m.Address;
            db.PartyMembers.Add(member);
            if (++added % 2000 == 0)
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }

        await db.SaveChangesAsync();
        // Members the demo's history has not received already: each is submitted at most once.
        var rows = await db.PartyMembers
            .Where(m => m.CommuneId == commune.Id && m.Exemption == null && !db.Applications.Any(a => a.MemberId == m.Id))
            .Select(m => new { m.Id, m.IdNumber, m.FullName })
            .ToListAsync();
        return rows.Select(m => new Member(m.Id, m.IdNumber.Value, m.FullName)).ToList();
    }
}
