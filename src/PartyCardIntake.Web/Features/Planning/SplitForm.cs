namespace PartyCardIntake.Web.Features.Planning;

/// <summary>How many of a slot's members stay in it when it is split; the rest get a slot right after.</summary>
public sealed class SplitForm
{
    public int? FirstPart { get; set; }

    /// <summary>Not a field: the slot's member count. A method, so that the validator does not walk into it.</summary>
    private int members;

    public int Members() => members;

    public SplitForm Of(int count)
    {
        members = count;
        return this;
    }
}
