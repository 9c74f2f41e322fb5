namespace PartyCardIntake.MockRegistry;

/// <summary>
/// A citizen as the registry returns it. <see cref="DateOfBirth"/> is "yyyy-MM-dd", or "yyyy" when the
/// registry only knows the year, as it often does for elderly citizens.
/// </summary>
public sealed record CitizenRecord(
    string IdNumber,
    string FullName,
    string DateOfBirth,
    string Sex,
    string PlaceOfOrigin,
    string PermanentAddress,
    string Ethnicity);
