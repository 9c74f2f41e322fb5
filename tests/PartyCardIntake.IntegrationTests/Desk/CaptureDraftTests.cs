using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.IntegrationTests.Retention;
using PartyCardIntake.IntegrationTests.Web;

namespace PartyCardIntake.IntegrationTests.Desk;

/// <summary>
/// The desk's unsaved captures kept in the database: only their own commune reads them, and the retention rule
/// removes those left behind for a day, never a fresh one.
/// </summary>
public abstract class CaptureDraftTests(AppFixture app)
{
    [Fact]
    public async Task A_draft_is_read_only_within_its_commune_and_removed_by_retention_once_a_day_old()
    {
        var (fresh, stale) = await AddDraftsAsync();

        await using (var own = app.Factory.Database.CreateContext(DataScope.ForCommune(app.CommuneOne)))
        {
            (await own.CaptureDrafts.CountAsync(d => d.Id == fresh || d.Id == stale)).Should().Be(2);
        }

        await using (var other = app.Factory.Database.CreateContext(DataScope.ForCommune(app.CommuneTwo)))
        {
            (await other.CaptureDrafts.CountAsync(d => d.Id == fresh || d.Id == stale)).Should().Be(0, "another commune's desks never see these drafts");
        }

        await RetentionData.Rule(app).RunOnceAsync();

        await using var db = app.SystemContext();
        var left = await db.CaptureDrafts.Where(d => d.Id == fresh || d.Id == stale).Select(d => d.Id).ToListAsync();
        left.Should().Equal(fresh);
    }

    [Fact]
    public async Task A_device_keeps_one_draft_per_member()
    {
        var (fresh, _) = await AddDraftsAsync();
        await using var db = app.SystemContext();
        var draft = await db.CaptureDrafts.AsNoTracking().SingleAsync(d => d.Id == fresh);

        db.CaptureDrafts.Add(new CaptureDraft { CommuneId = draft.CommuneId, DeviceId = draft.DeviceId, MemberId = draft.MemberId, UserId = "someone", IdempotencyKey = Guid.NewGuid(), UpdatedAt = DateTime.UtcNow });
        var second = () => db.SaveChangesAsync();

        await second.Should().ThrowAsync<DbUpdateException>("the desk updates its one draft of a member instead of adding another");
    }

    private async Task<(int Fresh, int Stale)> AddDraftsAsync()
    {
        await using var db = app.SystemContext();
        var device = await db.Devices.Where(d => d.CommuneId == app.CommuneOne).OrderBy(d => d.Id).FirstAsync();
        var members = await db.PartyMembers.Where(m => m.CommuneId == app.CommuneOne)
            .Where(m => !db.CaptureDrafts.Any(d => d.MemberId == m.Id))
            .OrderByDescending(m => m.Id).Select(m => m.Id).Take(2).ToListAsync();
        var now = DateTime.UtcNow;
        var fresh = Draft(device, members[0], now.AddHours(-23));
        var stale = Draft(device, members[1], now.AddHours(-25));
        db.CaptureDrafts.AddRange(fresh, stale);
        await db.SaveChangesAsync();
        return (fresh.Id, stale.Id);
    }

    private static CaptureDraft Draft(Device device, int memberId, DateTime updatedAt) => new()
    {
        CommuneId = device.CommuneId,
        DeviceId = device.Id,
        MemberId = memberId,
        UserId = "desk-test",
        IdempotencyKey = Guid.NewGuid(),
        Photo = [1, 2, 3],
        Strokes = "[]",
        Signature = [4, 5, 6],
        UpdatedAt = updatedAt,
    };

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : CaptureDraftTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : CaptureDraftTests(app);

    [Collection(SqlServerApp.Collection)]
    public sealed class OnSqlServer(SqlServerApp app) : CaptureDraftTests(app);
}
