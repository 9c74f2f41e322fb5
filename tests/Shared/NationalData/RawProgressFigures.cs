using Npgsql;
using PartyCardIntake.Core.Reporting;

namespace PartyCardIntake.Tests.Shared.NationalData;

/// <summary>
/// The communes' figures recomputed from the raw records on PostgreSQL: a GROUP BY over the applications (day
/// in Vietnamese time) and one over the members, the way a dashboard without the progress counts would work.
/// The yardstick that the counts-based figures must equal, and be faster than.
/// </summary>
public static class RawProgressFigures
{
    public static async Task<IReadOnlyList<CommuneFigures>> CommunesAsync(NpgsqlConnection connection, int? provinceId, DateOnly date, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var inProvince = provinceId is null ? string.Empty : "AND c.\"ProvinceId\" = @province";
        var applications = new Dictionary<int, int[]>();
        await using (var command = new NpgsqlCommand(
            $"""
            SELECT a."CommuneId",
                count(*),
                count(*) FILTER (WHERE a.day = @date),
                count(*) FILTER (WHERE a.day = @yesterday),
                count(*) FILTER (WHERE a.day >= @recent),
                count(*) FILTER (WHERE a."State" = 'Approved'),
                count(*) FILTER (WHERE a."State" = 'Returned'),
                count(*) FILTER (WHERE a."State" = 'Transmitted'),
                count(*) FILTER (WHERE a."State" IN ('Submitted', 'Returned') AND a."Verification" IN ('Mismatched', 'NotFound')),
                count(*) FILTER (WHERE a."Verification" = 'Pending')
            FROM (SELECT "CommuneId", "State", "Verification", (("SubmittedAt" AT TIME ZONE 'UTC') + interval '7 hours')::date AS day
                  FROM "Applications" WHERE "State" <> 'Cancelled') a
            JOIN "Communes" c ON c."Id" = a."CommuneId"
            WHERE a.day <= @date {inProvince}
            GROUP BY a."CommuneId"
            """,
            connection))
        {
            command.CommandTimeout = 0;
            command.Parameters.AddWithValue("date", date);
            command.Parameters.AddWithValue("yesterday", date.AddDays(-1));
            command.Parameters.AddWithValue("recent", date.AddDays(1 - FinishForecast.RecentDays));
            AddProvince(command, provinceId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                applications[reader.GetInt32(0)] = Enumerable.Range(1, 9).Select(i => (int)reader.GetInt64(i)).ToArray();
            }
        }

        var members = new Dictionary<int, (int Eligible, int Excused)>();
        await using (var command = new NpgsqlCommand(
            $"""
            SELECT m."CommuneId", count(*) FILTER (WHERE m."Exemption" IS NULL), count(*) FILTER (WHERE m."Exemption" IS NOT NULL)
            FROM "PartyMembers" m JOIN "Communes" c ON c."Id" = m."CommuneId"
            WHERE TRUE {inProvince}
            GROUP BY m."CommuneId"
            """,
            connection))
        {
            command.CommandTimeout = 0;
            AddProvince(command, provinceId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                members[reader.GetInt32(0)] = ((int)reader.GetInt64(1), (int)reader.GetInt64(2));
            }
        }

        var result = new List<CommuneFigures>();
        await using (var command = new NpgsqlCommand(
            $"""
            SELECT c."Id", c."Code", c."Name", coalesce(c."Deadline", p."Deadline")
            FROM "Communes" c JOIN "Provinces" p ON p."Id" = c."ProvinceId"
            WHERE TRUE {inProvince}
            ORDER BY c."Code"
            """,
            connection))
        {
            AddProvince(command, provinceId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetInt32(0);
                var n = applications.GetValueOrDefault(id) ?? new int[9];
                var (eligible, excused) = members.GetValueOrDefault(id);
                result.Add(new CommuneFigures(
                    id, reader.GetString(1), reader.GetString(2), date, reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3),
                    eligible, excused, n[1], n[2], n[0], n[3], n[4], n[5], n[6], n[7], n[8]));
            }
        }

        return result;
    }

    private static void AddProvince(NpgsqlCommand command, int? provinceId)
    {
        if (provinceId is { } id)
        {
            command.Parameters.AddWithValue("province", id);
        }
    }
}
