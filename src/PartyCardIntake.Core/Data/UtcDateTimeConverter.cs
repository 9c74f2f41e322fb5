using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace PartyCardIntake.Core.Data;

/// <summary>
/// All instants are stored in UTC. SQLite returns them without a kind and Npgsql refuses
/// anything but UTC for timestamptz, so the kind is fixed on the way in and out.
/// </summary>
public sealed class UtcDateTimeConverter()
    : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
