namespace PartyCardIntake.Web.Features.Retention;

/// <summary>Section "Retention": how long photos and signatures are kept after their record was sent to card production.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>
    /// Off only for installations whose owners decided to keep media longer (or for tests that run the rule by hand);
    /// the rule can still be run on demand.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Days after transmission at which a record's photo, signature and pen strokes are deleted.</summary>
    public int MediaDays { get; set; } = 30;

    /// <summary>How often the worker looks for records past their retention time.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Records cleared per transaction, so that a large backlog never holds a long write lock.</summary>
    public int BatchSize { get; set; } = 500;

    // At least a day: a package must stay downloadable for a while after it is made.
    public bool IsValid => MediaDays >= 1 && Interval > TimeSpan.Zero && BatchSize is >= 1 and <= 10_000;
}
