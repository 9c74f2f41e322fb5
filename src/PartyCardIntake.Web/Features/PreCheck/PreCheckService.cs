using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Web.Components;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.PreCheck;

/// <summary>Why a pre-check was not started.</summary>
public enum PreCheckError
{
    /// <summary>The user is not attached to a commune.</summary>
    NoCommune = 1,

    /// <summary>No such cell in the user's commune (another commune's cells do not exist for them).</summary>
    CellNotFound = 2,

    /// <summary>A run for the same commune or cell is queued or running.</summary>
    AlreadyRunning = 3,

    /// <summary>Nobody to check: every member of the scope is exempted, or there are none.</summary>
    NoMembers = 4,

    /// <summary>Only the ward committee starts a pre-check.</summary>
    Forbidden = 5,
}

/// <summary>What a stop did.</summary>
public enum PreCheckStopResult
{
    /// <summary>The run is stored as stopped (Cancelled); what it checked stays.</summary>
    Stopped = 1,

    /// <summary>No such run in the user's commune.</summary>
    NotFound = 2,

    /// <summary>The run had already completed or been stopped.</summary>
    NotRunning = 3,

    /// <summary>Only the ward committee stops a pre-check.</summary>
    Forbidden = 4,
}

public sealed record PreCheckStartResult(int? RunId, PreCheckError? Error)
{
    public bool Started => Error is null;
}

/// <summary>A run as the committee sees it.</summary>
public sealed record PreCheckRunView(
    int Id,
    int? CellId,
    string? CellName,
    PreCheckState State,
    DateTime RequestedAt,
    string? RequestedBy,
    int Total,
    int Done,
    int Matched,
    int Warnings,
    int Mismatched,
    int NotFound,
    int Unavailable,
    DateTime? FinishedAt)
{
    public bool IsActive => State is PreCheckState.Queued or PreCheckState.Running;

    /// <summary>Whole percent done, 0–100 (100 for a completed run, whatever its size).</summary>
    public int Percent =>
        State == PreCheckState.Completed ? 100
        : Total <= 0 ? 0
        : Math.Clamp(Done * 100 / Total, 0, 100);
}

public sealed record PreCheckCell(int Id, string Name);

/// <summary>
/// Starts pre-checks and reports on them, for the signed-in committee user. Every query goes through
/// the user's scoped context, so another commune's cells and runs do not exist here.
/// </summary>
public sealed class PreCheckService(
    IDbContextFactory<AppDbContext> factory,
    TimeProvider clock,
    CurrentUser user,
    PreCheckProgressFeed feed,
    PreCheckStopSignals stops,
    ILogger<PreCheckService> logger)
{
    /// <summary>
    /// Stops a queued or running run of the user's commune: stored as Cancelled at once (every node's worker reads it
    /// before its next member), and the registry call under way on this node is cut short. The checks already stored
    /// stay; the scope can be started again.
    /// </summary>
    public async Task<PreCheckStopResult> StopAsync(int runId, CancellationToken cancellationToken = default)
    {
        if (!user.IsInRole(AppRoles.WardCommittee))
        {
            return PreCheckStopResult.Forbidden;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (db.Scope.CommuneId is not { } communeId)
        {
            return PreCheckStopResult.Forbidden;
        }

        var now = clock.GetUtcNow().UtcDateTime;

        // One conditional update: a run that completes at the same moment stays completed.
        var stopped = await db.PreCheckRuns
            .Where(r => r.Id == runId && r.CommuneId == communeId && (r.State == PreCheckState.Queued || r.State == PreCheckState.Running))
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.State, PreCheckState.Cancelled).SetProperty(r => r.FinishedAt, now), cancellationToken);
        if (stopped == 0)
        {
            return await db.PreCheckRuns.AnyAsync(r => r.Id == runId && r.CommuneId == communeId, cancellationToken)
                ? PreCheckStopResult.NotRunning
                : PreCheckStopResult.NotFound;
        }

        stops.Stop(runId);
        feed.Wake(communeId);
        logger.LogInformation("Pre-check run {RunId} of commune {CommuneId} stopped by {User}", runId, communeId, user.UserName);
        return PreCheckStopResult.Stopped;
    }

    /// <summary>
    /// Queues a run over the whole commune (<paramref name="cellId"/> null) or one of its cells; the
    /// worker takes it up. Refused while a run for the same scope is queued or running.
    /// </summary>
    public async Task<PreCheckStartResult> StartAsync(int? cellId, string userName, CancellationToken cancellationToken = default)
    {
        if (!user.IsInRole(AppRoles.WardCommittee))
        {
            return new PreCheckStartResult(null, PreCheckError.Forbidden);
        }

        var (result, run) = await factory.RunSerializableAsync((db, ct) => StartInTransactionAsync(db, cellId, userName, ct), cancellationToken);
        if (run is not null)
        {
            feed.Wake(run.CommuneId);
            logger.LogInformation("Pre-check run {RunId} queued for commune {CommuneId}, cell {CellId}: {Total} members", run.Id, run.CommuneId, run.PartyCellId, run.Total);
        }

        return result;
    }

    // Serializable (SerializableUnit), so that two committee members pressing the button at once cannot both
    // pass the "nothing running" check.
    private async Task<(PreCheckStartResult, PreCheckRun?)> StartInTransactionAsync(AppDbContext db, int? cellId, string userName, CancellationToken cancellationToken)
    {
        if (db.Scope.CommuneId is not { } communeId)
        {
            return Refused(PreCheckError.NoCommune);
        }

        if (cellId is { } cell && !await db.PartyCells.AnyAsync(c => c.Id == cell && c.CommuneId == communeId, cancellationToken))
        {
            return Refused(PreCheckError.CellNotFound);
        }

        var busy = await db.PreCheckRuns.AnyAsync(
            r => r.CommuneId == communeId && r.PartyCellId == cellId && (r.State == PreCheckState.Queued || r.State == PreCheckState.Running),
            cancellationToken);
        if (busy)
        {
            return Refused(PreCheckError.AlreadyRunning);
        }

        var total = await Eligible(db.PartyMembers, communeId, cellId).CountAsync(cancellationToken);
        if (total == 0)
        {
            return Refused(PreCheckError.NoMembers);
        }

        var run = new PreCheckRun
        {
            CommuneId = communeId,
            PartyCellId = cellId,
            RequestedAt = clock.GetUtcNow().UtcDateTime,
            RequestedBy = userName.Length > 256 ? userName[..256] : userName,
            State = PreCheckState.Queued,
            Total = total,
        };
        db.PreCheckRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        return (new PreCheckStartResult(run.Id, null), run);

        static (PreCheckStartResult, PreCheckRun?) Refused(PreCheckError error) => (new PreCheckStartResult(null, error), null);
    }

    /// <summary>The commune's latest runs, newest first, with their progress.</summary>
    public async Task<IReadOnlyList<PreCheckRunView>> LatestAsync(int count = 5, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await LatestAsync(db.PreCheckRuns, db.PartyCells, count, cancellationToken);
    }

    /// <summary>The latest runs of <paramref name="runsOfCommune"/>, which the caller has limited to one commune.</summary>
    internal static async Task<IReadOnlyList<PreCheckRunView>> LatestAsync(IQueryable<PreCheckRun> runsOfCommune, IQueryable<PartyCell> cellsOfCommune, int count, CancellationToken cancellationToken)
    {
        var runs = await runsOfCommune.AsNoTracking()
            .OrderByDescending(r => r.Id)
            .Take(count)
            .ToListAsync(cancellationToken);
        var cellIds = runs.Where(r => r.PartyCellId != null).Select(r => r.PartyCellId!.Value).Distinct().ToList();
        var names = cellIds.Count == 0
            ? []
            : await cellsOfCommune.AsNoTracking().Where(c => cellIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        return runs
            .Select(r => new PreCheckRunView(
                r.Id,
                r.PartyCellId,
                r.PartyCellId is { } id ? names.GetValueOrDefault(id) : null,
                r.State,
                r.RequestedAt,
                r.RequestedBy,
                r.Total,
                r.Done,
                r.Matched,
                r.Warnings,
                r.Mismatched,
                r.NotFound,
                r.Unavailable,
                r.FinishedAt))
            .ToList();
    }

    /// <summary>The commune's cells, for choosing the scope of a run.</summary>
    public async Task<IReadOnlyList<PreCheckCell>> CellsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var cells = await db.PartyCells.AsNoTracking().Select(c => new PreCheckCell(c.Id, c.Name)).ToListAsync(cancellationToken);
        return cells.OrderBy(c => c.Name, Labels.NameOrder).ToList();
    }

    /// <summary>The members a run checks: not exempted, of the commune, and of the cell when there is one.</summary>
    internal static IQueryable<PartyMember> Eligible(IQueryable<PartyMember> members, int communeId, int? cellId)
    {
        var eligible = members.Where(m => m.CommuneId == communeId && m.Exemption == null);
        return cellId is { } cell ? eligible.Where(m => m.PartyCellId == cell) : eligible;
    }
}
