using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Infrastructure.Import;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.Benchmarks;

/// <summary>
/// A 20,000-row member file: reading and checking it alone, and the committee's whole import through
/// the application on SQLite (upload with validation, then the commit written by the import worker).
/// </summary>
internal static partial class ImportBenchmark
{
    public static async Task<IReadOnlyList<Measurement>> RunAsync(int rows, int repeats)
    {
        var csv = MakeCsv(rows);
        Console.WriteLine($"import: {rows} rows, {csv.Length / 1024} KB");
        var parse = new Measurement($"read and check {rows:N0} rows (CSV, parser alone)");
        for (var i = 0; i < repeats + 1; i++)
        {
            var watch = Stopwatch.StartNew();
            var result = MemberFileParser.Parse(new MemoryStream(csv), "list.csv", new DateOnly(2025, 8, 1));
            watch.Stop();
            if (result.Valid.Count != rows)
            {
                throw new InvalidOperationException($"Only {result.Valid.Count} valid rows: " + string.Join(", ", result.Errors.GroupBy(e => e.Code).Select(g => $"{g.Key}×{g.Count()}")));
            }

            if (i > 0)
            {
                parse.Add(watch.Elapsed);
            }
        }

        var upload = new Measurement($"upload and check {rows:N0} rows through the page (SQLite)");
        var commit = new Measurement($"commit {rows:N0} new members (SQLite, background worker)");
        var total = new Measurement($"whole import of {rows:N0} rows: upload, check, commit (SQLite)");
        for (var i = 0; i < repeats; i++)
        {
            await using var app = new PartyCardAppFactory(DatabaseProvider.Sqlite);
            _ = app.Server;
            using var client = app.CreateClient(new() { AllowAutoRedirect = false });
            await SignInClient.SignInAsync(client, DemoAccounts.Committee);
            var token = SignInClient.AntiforgeryToken(await client.GetStringAsync("/members/import"));

            var watch = Stopwatch.StartNew();
            using var form = new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" },
                { new ByteArrayContent(csv), "file", "danh-sach.csv" },
            };
            using var uploaded = await client.PostAsync("/members/import/upload", form);
            var preview = await client.GetStringAsync(uploaded.Headers.Location);
            var uploadTime = watch.Elapsed;
            var id = ImportId().Match(preview).Groups[1].Value;
            using var committed = await client.PostAsync($"/members/import/{id}/commit", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = SignInClient.AntiforgeryToken(preview),
                ["createCells"] = "true",
            }));
            while (!(await client.GetStringAsync($"/members/import/{id}")).Contains("data-state=\"Committed\"", StringComparison.Ordinal))
            {
                await Task.Delay(250);
            }

            watch.Stop();
            upload.Add(uploadTime);
            commit.Add(watch.Elapsed - uploadTime);
            total.Add(watch.Elapsed);
        }

        return [parse, upload, commit, total];
    }

    private static byte[] MakeCsv(int rows)
    {
        var population = DemoPopulationGenerator.Generate(seed: 11, shapes: [new("99998", "Phường Thử", rows, 300, new(7, 0), new(17, 0), 1)]);
        var text = new StringBuilder("Số định danh cá nhân,Họ và tên,Ngày sinh,Giới tính,Chi bộ,Số thẻ đảng,Ngày vào Đảng,Điện thoại,Địa chỉ\n");
        foreach (var cell in population.Communes[0].Cells)
        {
            foreach (var m in cell.Members)
            {
                var birth = m.BirthDate?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? m.BirthYear.ToString(CultureInfo.InvariantCulture);
                var joined = m.JoinedOn.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
                text.Append(CultureInfo.InvariantCulture, $"{m.IdNumber},{m.FullName},{birth},{(m.Sex == Sex.Male ? "Nam" : "Nữ")},{cell.Name},{m.PartyCardNumber},{joined},{m.Phone},\"{m.Address}\"\n");
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    [GeneratedRegex("action=\"/members/import/([0-9]+)/commit\"")]
    private static partial Regex ImportId();
}
