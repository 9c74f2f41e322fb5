using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Registry;
using PartyCardIntake.Core.Verification;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.MockRegistry;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Review;

/// <summary>Records made straight in the database for the review and transmission tests, each on a member of its own.</summary>
internal static class ReviewData
{
    public static readonly byte[] Photo = DeskClient.Fixture("photo-600x800.jpg");
    public static readonly byte[] Signature = DeskClient.Fixture("signature-600x200.png");
    public static readonly string Strokes = File.ReadAllText(DeskClient.FixturePath("signature-600x200.json"));

    /// <summary>An eligible member of the first commune without an application, unused by other tests; optionally one the mock registry treats a given way.</summary>
    public static async Task<int> FreeMemberAsync(AppFixture app, Discrepancy? discrepancy = null, int? communeId = null)
    {
        var population = app.Factory.Services.GetRequiredService<SyntheticPopulation>();
        var commune = communeId ?? app.CommuneOne;
        await using var db = app.SystemContext();
        var members = await db.PartyMembers
            .Where(m => m.CommuneId == commune && m.Exemption == null && !db.Applications.Any(a => a.MemberId == m.Id))
            .OrderByDescending(m => m.Id)
            .Select(m => new { m.Id, m.IdNumber, m.BirthDate })
            .ToListAsync();
        lock (app.TakenMembers)
        {
            return members.First(m => (discrepancy is null || (population.DiscrepancyOf(m.IdNumber.Value) == discrepancy
                    && (discrepancy != Discrepancy.YearOnly || m.BirthDate != null)))
                && app.TakenMembers.Add(m.Id)).Id;
        }
    }

    /// <summary>
    /// A submitted record with photo and signature. <paramref name="verification"/> Pending leaves it for the worker;
    /// otherwise the verdict is applied, with a stored check whose comparison shows a name mismatch when mismatched.
    /// </summary>
    public static async Task<Guid> SubmitAsync(AppFixture app, int memberId, VerificationStatus verification, bool warnings = false, DateTime? at = null)
    {
        var now = at ?? DateTime.UtcNow;
        await using var db = app.SystemContext();
        var member = await db.PartyMembers.SingleAsync(m => m.Id == memberId);
        var capture = ApplicationCapture.Create(Photo, 600, 800, Sha(Photo), Signature, Strokes, Sha(Signature), now);
        var application = Application.Submit(Guid.NewGuid(), member, null, null, "test-officer", now, capture: capture);
        if (verification != VerificationStatus.Pending)
        {
            var outcome = verification switch
            {
                VerificationStatus.Matched => CheckOutcome.Matched,
                VerificationStatus.Mismatched => CheckOutcome.Mismatched,
                _ => CheckOutcome.NotFound,
            };
            application.ApplyCheck(outcome, warnings, now, TimeSpan.Zero);
            db.RegistryChecks.Add(new RegistryCheck
            {
                CommuneId = member.CommuneId,
                MemberId = member.Id,
                ApplicationId = application.Id,
                CheckedAt = now,
                Source = CheckSource.Desk,
                Outcome = outcome,
                HasWarnings = warnings,
                ComparisonJson = outcome == CheckOutcome.Mismatched
                    ? JsonSerializer.Serialize(
                        new RegistryComparison([new FieldComparison(RegistryField.FullName, member.FullName, member.FullName + "x", FieldSeverity.Mismatch, "name.diacritics")]),
                        RegistryCheckService.Json)
                    : null,
            });
        }

        db.Applications.Add(application);
        await db.SaveChangesAsync();
        return application.Id;
    }

    /// <summary>A clean record submitted and approved on a past day, ready for that day's package.</summary>
    public static async Task<Guid> ApprovedOnAsync(AppFixture app, DateOnly day, int? communeId = null)
    {
        var submitted = new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(7)).UtcDateTime;
        var id = await SubmitAsync(app, await FreeMemberAsync(app, communeId: communeId), VerificationStatus.Matched, at: submitted);
        await using var db = app.SystemContext();
        var application = await db.Applications.SingleAsync(a => a.Id == id);
        application.Approve("test-lead", submitted.AddHours(1));
        await db.SaveChangesAsync();
        return id;
    }

    public static async Task<Application> ReadAsync(AppFixture app, Guid id)
    {
        await using var db = app.SystemContext();
        return await db.Applications.AsNoTracking().SingleAsync(a => a.Id == id);
    }

    public static async Task<string> UserIdAsync(AppFixture app, string userName)
    {
        await using var db = app.SystemContext();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }

    /// <summary>The progress counts kept with every save agree with a recount from the records.</summary>
    public static async Task AssertCountsAsync(AppFixture app, int communeId)
    {
        await using var db = app.SystemContext();
        (await ApplicationCounts.StoredAsync(db, communeId)).Should().BeEquivalentTo(await ApplicationCounts.FromRecordsAsync(db, communeId));
    }

    /// <summary>Posts a form with the token of <paramref name="formPage"/> and answers the redirect's target (not followed).</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string formPage, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = SignInClient.AntiforgeryToken(await client.GetStringAsync(formPage));
        return await client.PostAsync(action, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));
    }

    /// <summary>Posts, expects a redirect, and returns the page it leads to.</summary>
    public static async Task<string> PostAndFollowAsync(HttpClient client, string formPage, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var response = await PostAsync(client, formPage, action, fields);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return await client.GetStringAsync(response.Headers.Location);
    }

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
