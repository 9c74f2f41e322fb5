namespace PartyCardIntake.Core.Registry;

/// <summary>
/// A citizen as the National Population Database returns it. <see cref="DateOfBirth"/> is
/// "yyyy-MM-dd", or "yyyy" when the registry knows only the year. <see cref="Sex"/> is "Nam" or "Nữ".
/// </summary>
public sealed record RegistryCitizen(
    string IdNumber,
    string FullName,
    string DateOfBirth,
    string Sex,
    string? PlaceOfOrigin,
    string? PermanentAddress,
    string? Ethnicity);
