using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.IntegrationTests.Web;

namespace PartyCardIntake.IntegrationTests.Security;

/// <summary>Real ids of one commune for the placeholders of <see cref="RouteRule.Sample"/>.</summary>
public sealed class SampleIds
{
    /// <summary>An id no row has: the handler's own "not found".</summary>
    public const int None = 987654321;

    private readonly Dictionary<string, string> _values = [];

    public static async Task<SampleIds> ForCommuneAsync(AppFixture app, int communeId)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var db = app.SystemContext();
        var ids = new SampleIds();
        ids.Set("member", await db.PartyMembers.Where(m => m.CommuneId == communeId).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync());
        ids.Set("cell", await db.PartyCells.Where(c => c.CommuneId == communeId).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        ids.Set("site", await db.IntakeSites.Where(s => s.CommuneId == communeId).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync());
        ids.Set("slot", await db.ScheduleSlots.Where(s => s.CommuneId == communeId).OrderBy(s => s.Id).Select(s => (int?)s.Id).FirstOrDefaultAsync() ?? None);
        ids.Set("import", await db.MemberImports.Where(i => i.CommuneId == communeId).OrderBy(i => i.Id).Select(i => (int?)i.Id).FirstOrDefaultAsync() ?? None);
        ids._values["application"] = (await db.Applications.Where(a => a.CommuneId == communeId).OrderBy(a => a.SubmittedAt).Select(a => (Guid?)a.Id).FirstOrDefaultAsync() ?? Guid.NewGuid()).ToString();
        ids._values["transmission"] = (await db.Transmissions.Where(t => t.CommuneId == communeId).Select(t => (Guid?)t.Id).FirstOrDefaultAsync() ?? Guid.NewGuid()).ToString();
        ids._values["user"] = await db.Users.Where(u => u.CommuneId == communeId).OrderBy(u => u.UserName).Select(u => u.Id).FirstAsync();
        ids._values["commune"] = await db.Communes.Where(c => c.Id == communeId).Select(c => c.Code).SingleAsync();
        ids.Set("none", None);
        ids._values["noneguid"] = Guid.NewGuid().ToString();
        return ids;
    }

    /// <summary>The rule's request path with its placeholders filled in.</summary>
    public string Path(RouteRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var path = rule.Sample ?? rule.Pattern;
        foreach (var (name, value) in _values)
        {
            path = path.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        return path.Contains('{', StringComparison.Ordinal) ? throw new InvalidOperationException($"No sample for {rule.Key}: give the rule a Sample.") : path;
    }

    private void Set(string name, int value) => _values[name] = value.ToString(CultureInfo.InvariantCulture);
}
