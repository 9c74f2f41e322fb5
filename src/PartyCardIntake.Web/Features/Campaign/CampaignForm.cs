namespace PartyCardIntake.Web.Features.Campaign;

/// <summary>The province's campaign window and each commune's own deadline, as the administrator edits them.</summary>
public sealed class CampaignForm
{
    public DateTime? Start { get; set; }

    public DateTime? Deadline { get; set; }

    public List<CommuneTarget> Communes { get; set; } = [];
}

/// <summary>A commune of the province: its target (the eligible members it must receive) and its own deadline, if any.</summary>
public sealed class CommuneTarget
{
    public int Id { get; set; }

    public string Code { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    /// <summary>Members on the list without an exemption: what the commune must receive by its deadline.</summary>
    public int Target { get; set; }

    /// <summary>Empty: the province's deadline applies.</summary>
    public DateTime? Deadline { get; set; }
}

/// <summary>What saving the campaign did.</summary>
public enum CampaignSaveResult
{
    Saved,

    /// <summary>The form breaks a rule of <see cref="CampaignFormValidator"/>; nothing was saved.</summary>
    Invalid,

    /// <summary>No province of the administrator's, or a commune that is not theirs; nothing was saved.</summary>
    NotFound,
}
