namespace PartyCardIntake.Web.Features.Planning;

/// <summary>The commune's own deadline, narrowing the province's (empty: the province's applies).</summary>
public sealed class CommuneDeadlineForm
{
    public DateTime? Deadline { get; set; }

    /// <summary>Not a field: the province's campaign days. A method, so that the validator does not walk into it.</summary>
    private CampaignWindow? province;

    public CampaignWindow? Province() => province;

    public CommuneDeadlineForm Use(CampaignWindow value)
    {
        province = value;
        return this;
    }
}
