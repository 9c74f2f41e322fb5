using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Data;

/// <summary>The per commune, day and status counts stay equal to a recount of the records, whatever happens to the records.</summary>
public abstract class ApplicationCountsTests(DatabaseProvider provider) : IAsyncLifetime
{
    private const int MembersPerCommune = 40;
    private readonly TestDatabase _database = TestDatabase.Create(provider);
    private ScopeData _data = null!;

    public async Task InitializeAsync()
    {
        await _database.MigrateAsync();
        await using var db = _database.CreateContext(DataScope.System);
        _data = await ScopeData.SeedAsync(db);
        var now = DateTime.UtcNow;
        var serial = 10_000;
        foreach (var communeId in new[] { _data.CommuneA, _data.CommuneB })
        {
            var cell = await db.PartyCells.FirstAsync(c => c.CommuneId == communeId);
            db.PartyMembers.AddRange(Enumerable.Range(0, MembersPerCommune).Select(i =>
                PartyMember.Create(communeId, cell.Id, PersonalIdNumber.Create("001", Sex.Female, 1945 + (i % 40), serial++), $"Trần Thị {communeId} {i}", Sex.Female, 1945 + (i % 40), null, now)));
        }

        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task The_counts_equal_a_recount_after_random_submissions_checks_approvals_returns_cancellations_and_transmissions()
    {
        var random = new Random(20251122);
        var operations = new Dictionary<string, int>();
        for (var step = 0; step < 400; step++)
        {
            await using var db = _database.CreateContext(DataScope.System);
            var communeId = random.Next(2) == 0 ? _data.CommuneA : _data.CommuneB;

            // Records spread over the last ten days, so that days and the Vietnamese midnight matter.
            var now = DateTime.UtcNow.AddHours(-random.Next(0, 240)).AddMinutes(random.Next(0, 60));
            var applications = await db.Applications.Where(a => a.CommuneId == communeId).ToListAsync();
            var operation = random.Next(8);
            string? done = null;
            switch (operation)
            {
                case 0 or 1:
                    var member = await db.PartyMembers
                        .Where(m => m.CommuneId == communeId && m.Exemption == null && !db.Applications.Any(a => a.MemberId == m.Id && a.State != ApplicationState.Cancelled))
                        .OrderBy(m => m.Id).Skip(random.Next(5)).FirstOrDefaultAsync();
                    if (member is not null)
                    {
                        db.Applications.Add(Application.Submit(Guid.NewGuid(), member, null, null, "officer", now));
                        done = "submit";
                    }

                    break;
                case 2:
                    done = Pick(applications, a => a.Verification == VerificationStatus.Pending, random)?.Let(a =>
                        a.ApplyCheck((CheckOutcome)random.Next(1, 4), random.Next(3) == 0, now, TimeSpan.Zero), "check");
                    break;
                case 3:
                    done = Pick(applications, a => a.State == ApplicationState.Submitted && a.Verification != VerificationStatus.Pending, random)?.Let(a => a.Approve("lead", now), "approve");
                    break;
                case 4:
                    done = Pick(applications, a => a.State is ApplicationState.Submitted or ApplicationState.Approved, random)?.Let(a => a.Return("Sai ngày sinh", now), "return");
                    break;
                case 5:
                    done = Pick(applications, a => a.State is ApplicationState.Submitted or ApplicationState.Returned, random)?.Let(a => a.Cancel(now), "cancel");
                    break;
                case 6:
                    // A day's package: every approved record of the commune at once.
                    var approved = applications.Where(a => a.State == ApplicationState.Approved).ToList();
                    approved.ForEach(a => a.MarkTransmitted(now));
                    done = approved.Count > 0 ? "transmit" : null;
                    break;
                case 7:
                    done = Pick(applications, a => a.State == ApplicationState.Returned, random)?.Let(a => a.Resubmit("officer", now), "resubmit");
                    break;
            }

            // Half of the saves inside a transaction of the caller's, run as one retriable unit as the services do.
            if (random.Next(2) == 0)
            {
                await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
                {
                    await using var transaction = await db.Database.BeginTransactionAsync();
                    await db.SaveChangesAsync();
                    await transaction.CommitAsync();
                });
            }
            else
            {
                await db.SaveChangesAsync();
            }

            if (done is not null)
            {
                operations[done] = operations.GetValueOrDefault(done) + 1;
            }
        }

        operations.Keys.Should().BeEquivalentTo(["submit", "check", "approve", "return", "cancel", "transmit", "resubmit"], "every kind of change is exercised");
        await using var check = _database.CreateContext(DataScope.System);
        var stored = await ApplicationCounts.StoredAsync(check, null);
        var recount = await ApplicationCounts.FromRecordsAsync(check, null);
        stored.Should().BeEquivalentTo(recount);
        recount.Keys.Select(k => k.Day).Distinct().Should().HaveCountGreaterThan(5);
    }

    [Fact]
    public async Task A_save_that_fails_leaves_the_counts_as_they_were()
    {
        await using var db = _database.CreateContext(DataScope.System);
        var before = await ApplicationCounts.StoredAsync(db, null);
        var member = await db.PartyMembers.FirstAsync(m => m.CommuneId == _data.CommuneA && db.Applications.Any(a => a.MemberId == m.Id && a.State != ApplicationState.Cancelled));

        // A second active application for the member: the database refuses it.
        db.Applications.Add(Application.Submit(Guid.NewGuid(), member, null, null, "officer", DateTime.UtcNow));
        var save = () => db.SaveChangesAsync();
        await save.Should().ThrowAsync<DbUpdateException>();

        await using var check = _database.CreateContext(DataScope.System);
        (await ApplicationCounts.StoredAsync(check, null)).Should().BeEquivalentTo(before);
    }

    [Fact]
    public async Task A_recount_repairs_counts_that_were_changed_behind_the_applications_back()
    {
        await using var db = _database.CreateContext(DataScope.System);
        await db.ApplicationDayCounts.Where(c => c.CommuneId == _data.CommuneB).ExecuteUpdateAsync(u => u.SetProperty(c => c.Count, 99));

        await ApplicationCounts.RecountAsync(db, _data.CommuneB);

        (await ApplicationCounts.StoredAsync(db, _data.CommuneB)).Should().BeEquivalentTo(await ApplicationCounts.FromRecordsAsync(db, _data.CommuneB));
    }

    [Fact]
    public async Task Exempting_a_member_moves_them_from_eligible_to_excused()
    {
        await using var db = _database.CreateContext(DataScope.System);
        await MemberCounts.RecountAsync(db, _data.CommuneA);
        var before = await db.Communes.AsNoTracking().SingleAsync(c => c.Id == _data.CommuneA);
        before.EligibleMembers.Should().Be(ScopeData.MembersPerCommune + MembersPerCommune);

        var member = await db.PartyMembers.FirstAsync(m => m.CommuneId == _data.CommuneA && m.Exemption == null);
        member.Exempt(ExemptionReason.Abroad, null, DateOnly.FromDateTime(DateTime.UtcNow));
        await db.SaveChangesAsync();
        await MemberCounts.RecountAsync(db, _data.CommuneA);

        var after = await db.Communes.AsNoTracking().SingleAsync(c => c.Id == _data.CommuneA);
        (after.EligibleMembers, after.ExcusedMembers).Should().Be((before.EligibleMembers - 1, before.ExcusedMembers + 1));
    }

    private static Application? Pick(List<Application> applications, Func<Application, bool> filter, Random random)
    {
        var candidates = applications.Where(filter).ToList();
        return candidates.Count == 0 ? null : candidates[random.Next(candidates.Count)];
    }

    public sealed class OnSqlite() : ApplicationCountsTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : ApplicationCountsTests(DatabaseProvider.PostgreSql);

    public sealed class OnSqlServer() : ApplicationCountsTests(DatabaseProvider.SqlServer);
}

internal static class ApplicationTestExtensions
{
    /// <summary>Applies a change to the application and names it, for the tally of operations.</summary>
    public static string Let(this Application application, Action<Application> change, string name)
    {
        change(application);
        return name;
    }
}
