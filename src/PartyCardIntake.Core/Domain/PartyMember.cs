using PartyCardIntake.Core.Text;

namespace PartyCardIntake.Core.Domain;

/// <summary>An official party member on the commune's list.</summary>
public class PartyMember
{
    private PartyMember()
    {
    }

    public int Id { get; private set; }

    public int CommuneId { get; private set; }

    public Commune? Commune { get; private set; }

    public int PartyCellId { get; set; }

    public PartyCell? PartyCell { get; set; }

    public PersonalIdNumber IdNumber { get; private set; } = null!;

    public string FullName { get; private set; } = string.Empty;

    /// <summary>Folded name for searching without diacritics.</summary>
    public string SearchName { get; private set; } = string.Empty;

    /// <summary>Folded "given name, rest" key for the Vietnamese list order.</summary>
    public string SortKey { get; private set; } = string.Empty;

    public Sex Sex { get; private set; }

    public int BirthYear { get; private set; }

    /// <summary>Null when only the year is known, which is common for elderly members.</summary>
    public DateOnly? BirthDate { get; private set; }

    public string? PartyCardNumber { get; set; }

    public DateOnly? JoinedOn { get; set; }

    public string? Phone { get; set; }

    public string? Address { get; set; }

    public ExemptionReason? Exemption { get; private set; }

    public string? ExemptionNote { get; private set; }

    public DateOnly? ExemptedOn { get; private set; }

    public bool NeedsHomeVisit { get; set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>The import that added this member, if any; the start of the member's history.</summary>
    public int? CreatedByImportId { get; set; }

    public DateTime UpdatedAt { get; set; }

    public bool IsEligible => Exemption is null;

    /// <summary>
    /// Creates a member after checking that the ID number agrees with sex and year of birth;
    /// a disagreement is a data error in the party record and must be fixed before import.
    /// </summary>
    public static PartyMember Create(
        int communeId,
        int partyCellId,
        PersonalIdNumber idNumber,
        string fullName,
        Sex sex,
        int birthYear,
        DateOnly? birthDate,
        DateTime now)
    {
        var member = new PartyMember
        {
            CommuneId = communeId,
            PartyCellId = partyCellId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        member.SetIdentity(idNumber, fullName, sex, birthYear, birthDate);
        return member;
    }

    public void SetIdentity(PersonalIdNumber idNumber, string fullName, Sex sex, int birthYear, DateOnly? birthDate)
    {
        var name = VietnameseText.Normalize(fullName);
        if (name.Length == 0)
        {
            throw new DomainException("member.name-empty");
        }

        if (birthDate is { } date && date.Year != birthYear)
        {
            throw new DomainException("member.birthdate-year");
        }

        if (idNumber.CheckConsistency(sex, birthYear) is { } error)
        {
            throw new DomainException(error == IdNumberError.SexMismatch ? "id.sex-mismatch" : "id.year-mismatch");
        }

        IdNumber = idNumber;
        FullName = name;
        SearchName = VietnameseText.Fold(name);
        SortKey = VietnameseText.SortKey(name);
        Sex = sex;
        BirthYear = birthYear;
        BirthDate = birthDate;
    }

    public void MoveTo(int partyCellId)
    {
        PartyCellId = partyCellId;
    }

    public void Exempt(ExemptionReason reason, string? note, DateOnly on)
    {
        Exemption = reason;
        ExemptionNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        ExemptedOn = on;
    }

    public void LiftExemption()
    {
        Exemption = null;
        ExemptionNote = null;
        ExemptedOn = null;
    }
}
