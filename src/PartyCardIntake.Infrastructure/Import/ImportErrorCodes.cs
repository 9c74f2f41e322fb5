namespace PartyCardIntake.Infrastructure.Import;

/// <summary>
/// Stable codes of import problems. The web app translates them; they may also be stored, so a
/// code is never renamed or reused for another meaning.
/// </summary>
public static class ImportErrorCodes
{
    /// <summary>The file has no bytes or no non-empty row at all.</summary>
    public const string FileEmpty = "file.empty";

    /// <summary>The file is larger than <see cref="ImportLimits.MaxBytes"/> (or an XLSX unpacks beyond <see cref="ImportLimits.MaxUncompressedBytes"/> or holds more than <see cref="ImportLimits.MaxZipEntries"/> parts).</summary>
    public const string FileTooLarge = "file.too-large";

    /// <summary>Neither CSV nor XLSX: PDF, image, old binary .xls, other ZIP documents, macro-enabled workbooks (.xlsm), HTML or XML "spreadsheets", binary data.</summary>
    public const string FileUnsupported = "file.unsupported";

    /// <summary>A CSV that is not UTF-8, or an XLSX whose structure is broken.</summary>
    public const string FileUnreadable = "file.unreadable";

    /// <summary>Required columns are not in the header; an error on the header row names them.</summary>
    public const string FileMissingColumns = "file.missing-columns";

    /// <summary>More data rows than <see cref="ImportLimits.MaxRows"/>.</summary>
    public const string FileTooManyRows = "file.too-many-rows";

    public const string IdEmpty = "id.empty";
    public const string IdWrongLength = "id.wrong-length";
    public const string IdNotDigits = "id.not-digits";
    public const string IdUnicodeDigits = "id.unicode-digits";
    public const string IdUnknownProvince = "id.unknown-province";
    public const string IdUnsupportedCentury = "id.unsupported-century";
    public const string IdSexMismatch = "id.sex-mismatch";
    public const string IdYearMismatch = "id.year-mismatch";

    public const string NameEmpty = "name.empty";
    public const string NameTooLong = "name.too-long";
    public const string NameInvalid = "name.invalid";

    public const string DobEmpty = "dob.empty";
    public const string DobInvalid = "dob.invalid";
    public const string DobFuture = "dob.future";
    public const string DobTooYoung = "dob.too-young";

    public const string SexEmpty = "sex.empty";
    public const string SexInvalid = "sex.invalid";

    public const string CellEmpty = "cell.empty";
    public const string CellTooLong = "cell.too-long";

    /// <summary>Markup (<c>&lt;</c>, <c>&gt;</c>) or control characters in a cell name.</summary>
    public const string CellInvalid = "cell.invalid";

    public const string CardInvalid = "card.invalid";

    public const string JoinedInvalid = "joined.invalid";
    public const string JoinedFuture = "joined.future";
    public const string JoinedBeforeAdulthood = "joined.before-adulthood";

    public const string PhoneInvalid = "phone.invalid";

    public const string AddressTooLong = "address.too-long";

    /// <summary>Markup (<c>&lt;</c>, <c>&gt;</c>) or control characters in an address.</summary>
    public const string AddressInvalid = "address.invalid";

    /// <summary>The ID number already appeared higher in the file; the value is the row where it first did.</summary>
    public const string RowDuplicateId = "row.duplicate-id";
}
