namespace PartyCardIntake.IntegrationTests.Security;

/// <summary>
/// One read or write tried with another commune's id: in the path, the query or a form field. A form field's id cannot
/// make a path "not found", so such a post may instead be refused by the handler's redirect to <see cref="RefusedAt"/>.
/// </summary>
public sealed record ForeignOperation(string Name, string Method, string Path, string? Form = null, string? RefusedAt = null);

/// <summary>Every operation that takes a commune-owned id, filled with each id of the other commune.</summary>
public static class ForeignOperations
{
    public static IEnumerable<ForeignOperation> For(ForeignData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        foreach (var id in data.Members)
        {
            yield return new("member page", "GET", $"/members/{id}");
            yield return new("member history", "GET", $"/members/{id}?tab=history");
            yield return new("member API", "GET", $"/api/v1/members/{id}");
            yield return new("subject-access export", "GET", $"/members/{id}/export.zip");
            yield return new("desk member page", "GET", $"/desk/members/{id}");
            yield return new("desk submission", "POST", $"/desk/members/{id}/submit", "idempotencyKey=" + Guid.NewGuid());

            // The desk's registry check, check-in and drafts are made from its circuit: Desk/DeskIsolationTests tries
            // each service method with these ids.

            // The member page's changes (exemption, home-visit flag, correction, worklist decisions, re-check) are made
            // from its circuit, not by form posts: Members/MemberIsolationTests tries each service method with these ids.
            // Home visits are booked, moved, cancelled and closed from the home-visit page's circuit: HomeVisits/HomeVisitTests
            // tries each service method with another commune's ids.
        }

        foreach (var id in data.Cells)
        {
            yield return new("cell page", "GET", $"/cells/{id}");
            yield return new("cell calendar", "GET", $"/planning/cells/{id}.ics");
            yield return new("cell notice", "GET", $"/planning/cells/{id}/notice.pdf");
            // A pre-check of the cell is started from the panel's circuit: PreCheck/PreCheckTests tries PreCheckService with it.
        }

        foreach (var id in data.Sites)
        {
            yield return new("site page", "GET", $"/sites/{id}");
        }

        foreach (var id in data.Slots)
        {
            yield return new("slot page", "GET", $"/planning/slots/{id}");

            // Slots are moved (dragged or typed), split, added and removed from the planning pages' circuits:
            // Planning/ScheduleEditingTests tries each service method with another commune's ids.
        }

        foreach (var id in data.Imports)
        {
            yield return new("import page", "GET", $"/members/import/{id}");
        }

        foreach (var id in data.Applications)
        {
            yield return new("review record", "GET", $"/review/{id}");
            yield return new("photo", "GET", $"/review/{id}/photo");
            yield return new("signature", "GET", $"/review/{id}/signature");
            // Approve, return, re-check and bulk approval run in the page's circuit: ReviewServiceTests tries them with these ids.
        }

        foreach (var id in data.Transmissions)
        {
            yield return new("transmission download", "GET", $"/transmission/{id}.zip");
        }

        var code = data.CommuneCode;
        yield return new("daily report", "GET", $"/reports/daily?commune={code}");
        yield return new("daily report PDF", "GET", $"/reports/daily.pdf?commune={code}");
        yield return new("daily report XLSX", "GET", $"/reports/daily.xlsx?commune={code}");
        yield return new("daily report CSV", "GET", $"/reports/daily.csv?commune={code}");
        yield return new("daily report API", "GET", $"/api/v1/reports/daily?commune={code}");
    }
}
