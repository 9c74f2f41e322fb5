using PartyCardIntake.Infrastructure.Audit;

namespace PartyCardIntake.Web.Features.Audit;

/// <summary>
/// <c>dotnet run --project src/PartyCardIntake.Web -- audit verify [--anchors FILE]…</c>: checks the chain of
/// the configured database against this node's anchor file (and any other nodes' files given) and exits 0
/// when intact, 1 when broken (naming the first entry that does not fit), 2 when the database cannot be read.
/// </summary>
internal static class AuditVerifyCommand
{
    public static bool Matches(string[] args) =>
        args.Length >= 2 && args[0] == "audit" && args[1] == "verify";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var file = services.GetRequiredService<AuditAnchorFile>();
        var anchors = new List<AuditAnchor>(await file.ReadAsync());
        for (var i = 2; i < args.Length - 1; i++)
        {
            if (args[i] == "--anchors")
            {
                if (!File.Exists(args[i + 1]))
                {
                    await Console.Error.WriteLineAsync($"Anchor file not found: {args[i + 1]}");
                    return 2;
                }

                anchors.AddRange(await file.ReadAsync(args[i + 1]));
            }
        }

        AuditCheck check;
        try
        {
            check = await services.GetRequiredService<AuditChain>().VerifyAsync(anchors);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            // Not migrated or not reachable: say so instead of a stack trace; the check never changes the database.
            await Console.Error.WriteLineAsync($"Audit chain could not be read: {e.Message}");
            return 2;
        }

        await (check.IsIntact ? Console.Out : Console.Error).WriteLineAsync(check.Describe());
        return check.IsIntact ? 0 : 1;
    }
}
