namespace PartyCardIntake.Web.Hosting;

/// <summary>Calendar days follow Vietnam's clock (UTC+7, no daylight saving), whatever the server's zone.</summary>
public sealed class VietnamTime(TimeProvider clock)
{
    private static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    public DateTimeOffset Now => clock.GetUtcNow().ToOffset(Offset);

    public DateOnly Today => DateOnly.FromDateTime(Now.DateTime);

    /// <summary>The UTC instant at which a Vietnamese calendar day starts.</summary>
    public static DateTime StartOfDayUtc(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), Offset).UtcDateTime;

    public static DateTimeOffset ToLocal(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(Offset);
}
