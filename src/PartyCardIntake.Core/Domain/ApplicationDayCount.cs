namespace PartyCardIntake.Core.Domain;

/// <summary>
/// How many applications of a commune received on a day (Vietnam date of <see cref="Application.SubmittedAt"/>)
/// are now in a state and verification status. Kept up to date with every change to an application, in the
/// same transaction, so that reports and dashboards read a few rows per commune instead of every record.
/// </summary>
public class ApplicationDayCount
{
    public int CommuneId { get; set; }

    public Commune? Commune { get; set; }

    public DateOnly Day { get; set; }

    public ApplicationState State { get; set; }

    public VerificationStatus Verification { get; set; }

    public bool HasWarnings { get; set; }

    public int Count { get; set; }
}
