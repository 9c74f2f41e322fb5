using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.Core.Demo;

/// <summary>The synthetic campaign used by demo mode, tests and the mock registry.</summary>
public sealed record DemoPopulation(string ProvinceCode, string ProvinceName, IReadOnlyList<DemoCommune> Communes);

public sealed record DemoCommune(
    string Code,
    string Name,
    IReadOnlyList<DemoCell> Cells,
    IReadOnlyList<DemoSite> Sites);

public sealed record DemoSite(string Name, string Address, TimeOnly OpensAt, TimeOnly ClosesAt, IReadOnlyList<string> Devices);

public sealed record DemoCell(string Name, CellAvailability Availability, bool IsExternal, string SecretaryName, string SecretaryPhone, IReadOnlyList<DemoMember> Members);

public sealed record DemoMember(
    PersonalIdNumber IdNumber,
    string FullName,
    Sex Sex,
    int BirthYear,
    DateOnly? BirthDate,
    string PartyCardNumber,
    DateOnly JoinedOn,
    string? Phone,
    string Address,
    bool NeedsHomeVisit,
    ExemptionReason? Exemption);

/// <summary>Shape of one demo commune, taken from the field reports in the design brief.</summary>
public sealed record DemoCommuneShape(string Code, string Name, int Members, int Cells, TimeOnly OpensAt, TimeOnly ClosesAt, int Devices);
