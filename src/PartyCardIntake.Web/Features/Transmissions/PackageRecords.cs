using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.Web.Features.Transmissions;

/// <summary>Reads records for a package, the same way when it is made and when it is downloaded again.</summary>
internal static class PackageRecords
{
    public static async Task<List<PackageRecord>> LoadAsync(IQueryable<Application> applications, CancellationToken cancellationToken)
    {
        var rows = await applications.AsNoTracking()
            .Where(a => a.Capture != null)
            .Select(a => new
            {
                a.Id, a.Member!.IdNumber, a.Member.FullName, a.Member.BirthYear, a.Member.BirthDate, a.Member.Sex,
                Cell = a.Member.PartyCell!.Name, a.Member.PartyCardNumber, a.SubmittedAt, a.ApprovedAt,
                a.Capture!.Photo, a.Capture.Signature,
            })
            .ToListAsync(cancellationToken);
        return rows
            .Select(r => new PackageRecord(
                r.Id, r.IdNumber.Value, r.FullName, r.BirthYear, r.BirthDate, r.Sex, r.Cell, r.PartyCardNumber,
                r.SubmittedAt, r.ApprovedAt ?? r.SubmittedAt, r.Photo, r.Signature))
            .ToList();
    }
}
