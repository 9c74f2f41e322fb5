using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Infrastructure.Media;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.ReliabilityTests.Backup;

/// <summary>
/// The backup scripts of deploy/backup, run while desks keep submitting to a live node, and their restore
/// scripts into a new place: a node started there has every record acknowledged before the backup began,
/// photo and signature intact, and an audit chain that passes <c>audit verify</c> against the anchors
/// the backup kept.
/// </summary>
public abstract class BackupRestoreTests
{
    protected abstract DatabaseProvider Provider { get; }

    /// <summary>Runs the backup script; returns the backup folder it made.</summary>
    protected abstract Task<string> BackupAsync(TestDatabase source, string anchorFile, string backups);

    protected abstract Task RestoreAsync(string backup, TestDatabase target);

    /// <summary>Checks made while the source node still runs on its database.</summary>
    protected virtual Task WhileTheNodeRunsAsync(string backup, TestDatabase source) => Task.CompletedTask;

    [Fact]
    public async Task A_backup_taken_while_desks_submit_restores_every_acknowledged_record_with_photo_signature_and_audit_chain()
    {
        await using var source = TestDatabase.Create(Provider);
        await using var target = TestDatabase.Create(Provider);
        var backups = Path.Combine(Path.GetTempPath(), "pci-tests", "backups-" + Guid.NewGuid().ToString("N"));
        try
        {
            var settings = AppProcess.DemoSettings(source);
            settings["Audit:AnchorInterval"] = "00:00:01";
            var anchorFile = Path.Combine(source.Folder, "audit-anchors.log");
            await using var node = new AppProcess(settings, name: "source");
            await node.StartAsync();

            var members = await DeskWriter.FreeMembersAsync(source);
            members.Should().HaveCountGreaterThan(200, "the first demo commune has members still to receive");
            await using var writer = new DeskWriter();
            await writer.StartAsync(node, members, desks: 4);
            await writer.WaitForAsync(40, TimeSpan.FromSeconds(90));
            await WaitForAnchorAsync(anchorFile);

            var started = writer.Now;
            var backup = await BackupAsync(source, anchorFile, backups);
            var ended = writer.Now;
            var duringBackup = writer.AcknowledgedBefore(ended).Count - writer.AcknowledgedBefore(started).Count;
            await writer.WaitForAsync(writer.AcknowledgedCount + 10, TimeSpan.FromSeconds(60));
            await writer.StopAsync();
            duringBackup.Should().BePositive("the desks went on submitting while the backup ran");
            await WhileTheNodeRunsAsync(backup, source);
            await node.StopAsync();

            var expected = writer.AcknowledgedBefore(started);
            await RestoreAsync(backup, target);
            await using var restored = new AppProcess(AppProcess.DemoSettings(target), name: "restored");
            await restored.StartAsync();

            await EveryRecordIsThereAsync(target, expected);
            await TheReviewerSeesThePhotoAsync(restored, expected[^1].ApplicationId);

            var verify = await Commands.AppAsync(AppProcess.DemoSettings(target), "audit", "verify");
            verify.ExitCode.Should().Be(0, verify.ToString());
            verify.Output.Should().Contain("Audit chain intact").And.NotContain(" 0 anchors matched", "the backup carried the anchors written before it");
        }
        finally
        {
            if (Directory.Exists(backups))
            {
                Directory.Delete(backups, recursive: true);
            }
        }
    }

    private static async Task WaitForAnchorAsync(string anchorFile)
    {
        for (var i = 0; i < 100 && !(File.Exists(anchorFile) && (await File.ReadAllTextAsync(anchorFile)).Length > 0); i++)
        {
            await Task.Delay(100);
        }

        File.Exists(anchorFile).Should().BeTrue("the node writes an anchor every second in this test");
    }

    private static async Task EveryRecordIsThereAsync(TestDatabase restored, IReadOnlyList<DeskWriter.Acknowledged> expected)
    {
        var photoSha = PhotoValidator.Validate(DeskWriter.Photo, PhotoRules.Default).Sha256;
        var signatureSha = SignatureValidator.Validate(DeskWriter.Signature, DeskWriter.Strokes, SignatureRules.Default).Sha256;
        var ids = expected.Select(a => a.ApplicationId).ToList();
        await using var db = restored.CreateContext(DataScope.System);
        var found = await db.ApplicationCaptures.AsNoTracking()
            .Where(c => ids.Contains(c.ApplicationId))
            .Select(c => new { c.ApplicationId, c.Application!.MemberId, c.Photo, c.PhotoSha256, c.Signature, c.SignatureSha256 })
            .ToListAsync();

        found.Select(f => (f.ApplicationId, f.MemberId)).Should().BeEquivalentTo(expected.Select(a => (a.ApplicationId, a.MemberId)),
            "every submission acknowledged before the backup started is in it");
        foreach (var capture in found)
        {
            Convert.ToHexStringLower(SHA256.HashData(capture.Photo)).Should().Be(capture.PhotoSha256).And.Be(photoSha);
            Convert.ToHexStringLower(SHA256.HashData(capture.Signature)).Should().Be(capture.SignatureSha256).And.Be(signatureSha);
        }
    }

    private static async Task TheReviewerSeesThePhotoAsync(AppProcess node, Guid applicationId)
    {
        using var lead = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = node.Address };
        await SignInClient.SignInAsync(lead, DemoAccounts.Lead);
        var photo = await lead.GetByteArrayAsync($"/review/{applicationId}/photo");
        Convert.ToHexStringLower(SHA256.HashData(photo)).Should().Be(PhotoValidator.Validate(DeskWriter.Photo, PhotoRules.Default).Sha256);
    }

    public sealed class OnSqlite : BackupRestoreTests
    {
        protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

        protected override async Task<string> BackupAsync(TestDatabase source, string anchorFile, string backups)
        {
            var result = await Commands.ScriptAsync("backup/backup-sqlite.sh", ["--data", source.Folder, "--anchors", anchorFile, "--out", backups, "--keep", "3"]);
            result.ExitCode.Should().Be(0, result.ToString());
            result.Output.Should().Contain("integrity ok");
            return Directory.GetDirectories(backups, "partycard-*").Should().ContainSingle().Subject;
        }

        protected override async Task RestoreAsync(string backup, TestDatabase target)
        {
            var result = await Commands.ScriptAsync("backup/restore-sqlite.sh", [backup, "--data", target.Folder]);
            result.ExitCode.Should().Be(0, result.ToString());
        }

        protected override async Task WhileTheNodeRunsAsync(string backup, TestDatabase source)
        {
            var refused = await Commands.ScriptAsync("backup/restore-sqlite.sh", [backup, "--data", source.Folder, "--force"]);
            refused.ExitCode.Should().NotBe(0);
            refused.Output.Should().Contain("stop the application first");
        }

        [Fact]
        public async Task Backups_beyond_the_number_kept_are_removed_oldest_first_a_damaged_one_is_not_restored_and_a_replaced_database_is_kept()
        {
            await using var database = TestDatabase.Create(DatabaseProvider.Sqlite);
            await database.MigrateAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools(); // the restore refuses while any process holds the file
            var backups = Path.Combine(database.Folder, "backups");
            for (var i = 0; i < 3; i++)
            {
                var result = await Commands.ScriptAsync("backup/backup-sqlite.sh", ["--data", database.Folder, "--out", backups, "--keep", "2"]);
                result.ExitCode.Should().Be(0, result.ToString());
                await Task.Delay(1100); // backup names carry the second
            }

            var kept = Directory.GetDirectories(backups).Order(StringComparer.Ordinal).ToList();
            kept.Should().HaveCount(2);

            await File.AppendAllTextAsync(Path.Combine(kept[^1], "partycard.db"), "x");
            await using var target = TestDatabase.Create(DatabaseProvider.Sqlite);
            var damaged = await Commands.ScriptAsync("backup/restore-sqlite.sh", [kept[^1], "--data", target.Folder]);
            damaged.ExitCode.Should().NotBe(0);
            damaged.Output.Should().Contain("do not match their checksums");
            File.Exists(Path.Combine(target.Folder, "partycard.db")).Should().BeFalse();

            var withoutForce = await Commands.ScriptAsync("backup/restore-sqlite.sh", [kept[0], "--data", database.Folder]);
            withoutForce.ExitCode.Should().NotBe(0);
            withoutForce.Output.Should().Contain("--force");
            var replaced = await Commands.ScriptAsync("backup/restore-sqlite.sh", [kept[0], "--data", database.Folder, "--force"]);
            replaced.ExitCode.Should().Be(0, replaced.ToString());
            Directory.GetFiles(Directory.GetDirectories(database.Folder, "before-restore-*").Should().ContainSingle().Subject)
                .Select(Path.GetFileName).Should().Contain("partycard.db");
        }
    }

    public sealed class OnPostgreSql : BackupRestoreTests
    {
        protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

        private static string NameOf(TestDatabase database) => new NpgsqlConnectionStringBuilder(database.ConnectionString).Database!;

        protected override async Task<string> BackupAsync(TestDatabase source, string anchorFile, string backups)
        {
            var result = await Commands.ScriptAsync(
                "backup/backup-postgresql.sh", ["--dbname", NameOf(source), "--anchors", anchorFile, "--out", backups, "--keep", "3"], Commands.LibpqEnvironment());
            result.ExitCode.Should().Be(0, result.ToString());
            result.Output.Should().Contain("archive readable");
            return Directory.GetDirectories(backups, "partycard-*").Should().ContainSingle().Subject;
        }

        protected override async Task RestoreAsync(string backup, TestDatabase target)
        {
            var result = await Commands.ScriptAsync(
                "backup/restore-postgresql.sh",
                [backup, "--target", NameOf(target), "--anchors-to", Path.Combine(target.Folder, "audit-anchors.log")],
                Commands.LibpqEnvironment());
            result.ExitCode.Should().Be(0, result.ToString());
            result.Output.Should().Contain("photos and signatures match their checksums");

            var again = await Commands.ScriptAsync("backup/restore-postgresql.sh", [backup, "--target", NameOf(target)], Commands.LibpqEnvironment());
            again.ExitCode.Should().NotBe(0, "an existing database is never overwritten");
            again.Output.Should().Contain("exists");
        }
    }
}
