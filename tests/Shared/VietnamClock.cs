namespace PartyCardIntake.Tests.Shared;

/// <summary>
/// Vietnam's wall-clock time as the schedule stores it: no offset and an unspecified kind, so that a query
/// on PostgreSQL compares it with "timestamp without time zone" columns (a UTC kind would be timestamptz).
/// </summary>
public static class VietnamClock
{
    public static DateTime Now => DateTime.SpecifyKind(DateTime.UtcNow.AddHours(7), DateTimeKind.Unspecified);
}
