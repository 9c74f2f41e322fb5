using System.Globalization;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Text;

namespace PartyCardIntake.Infrastructure.Import;

/// <summary>
/// Checks one data row at a time and remembers the ID numbers seen, so that a repeated member is
/// reported on the later rows. Every problem of a row is reported, not only the first, so that
/// the committee can fix a row in one pass.
/// </summary>
internal sealed class MemberRowValidator(int[] map, DateOnly today)
{
    private const int MaxNameLength = MemberRowRules.MaxNameLength;
    private const int MaxCellLength = MemberRowRules.MaxCellLength;
    private const int MaxCardLength = MemberRowRules.MaxCardLength;
    private const int MaxAddressLength = MemberRowRules.MaxAddressLength;
    private const int MaxEchoedValue = 100;
    private const int MinYear = 1900;
    private const int AdultAge = 18;

    private static readonly string[] DateFormats = ["d/M/yyyy", "d-M-yyyy", "yyyy-M-d"];

    private readonly Dictionary<string, int> firstRowById = new(StringComparer.Ordinal);

    /// <summary>A row with nothing in any column the import reads (a numbered but unfilled template line).</summary>
    public bool IsBlank(SheetRow row)
    {
        foreach (var index in map)
        {
            if (index >= 0 && row[index] is not null)
            {
                return false;
            }
        }

        return true;
    }

    public ImportedMember? Validate(SheetRow row, List<ImportError> errors)
    {
        var errorsBefore = errors.Count;
        void Fail(ImportColumn column, string code, string? value) =>
            errors.Add(new ImportError(row.Number, column, code, Echo(value)));

        // ID number.
        var idCell = Cell(row, ImportColumn.IdNumber);
        var idText = IdText(idCell);
        PersonalIdNumber? id = null;
        if (PersonalIdNumber.TryParse(idText, out var parsedId, out var idError))
        {
            id = parsedId;
        }
        else
        {
            Fail(ImportColumn.IdNumber, IdCode(idError), idText);
        }

        // Full name.
        var nameText = SheetRows.Text(Cell(row, ImportColumn.FullName));
        var name = VietnameseText.Normalize(nameText);
        if (name.Length == 0)
        {
            Fail(ImportColumn.FullName, ImportErrorCodes.NameEmpty, nameText);
        }
        else if (name.Length > MaxNameLength)
        {
            Fail(ImportColumn.FullName, ImportErrorCodes.NameTooLong, name);
        }
        else if (!MemberRowRules.IsValidName(name))
        {
            Fail(ImportColumn.FullName, ImportErrorCodes.NameInvalid, name);
        }

        // Date of birth.
        var dobCell = Cell(row, ImportColumn.DateOfBirth);
        var dobText = SheetRows.Text(dobCell);
        var birth = ReadBirth(dobCell, dobText);
        if (birth.Error is { } dobError)
        {
            Fail(ImportColumn.DateOfBirth, dobError, dobText);
        }

        // Sex.
        var sexText = SheetRows.Text(Cell(row, ImportColumn.Sex));
        var sex = ReadSex(sexText);
        if (sex is null)
        {
            Fail(ImportColumn.Sex, string.IsNullOrWhiteSpace(sexText) ? ImportErrorCodes.SexEmpty : ImportErrorCodes.SexInvalid, sexText);
        }

        // The ID's own sex and year digits, once the values they are checked against are sound.
        if (id is not null && sex is { } knownSex && birth.Error is null)
        {
            if (id.Sex != knownSex)
            {
                Fail(ImportColumn.IdNumber, ImportErrorCodes.IdSexMismatch, id.Value);
            }

            if (id.BirthYear != birth.Year)
            {
                Fail(ImportColumn.IdNumber, ImportErrorCodes.IdYearMismatch, id.Value);
            }
        }

        if (id is not null)
        {
            if (firstRowById.TryGetValue(id.Value, out var firstRow))
            {
                Fail(ImportColumn.IdNumber, ImportErrorCodes.RowDuplicateId, firstRow.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                firstRowById.Add(id.Value, row.Number);
            }
        }

        // Party cell.
        var cellText = SheetRows.Text(Cell(row, ImportColumn.PartyCell));
        var partyCell = VietnameseText.Normalize(cellText);
        if (partyCell.Length == 0)
        {
            Fail(ImportColumn.PartyCell, ImportErrorCodes.CellEmpty, cellText);
        }
        else if (partyCell.Length > MaxCellLength)
        {
            Fail(ImportColumn.PartyCell, ImportErrorCodes.CellTooLong, partyCell);
        }
        else if (!MemberRowRules.IsPlainText(partyCell))
        {
            Fail(ImportColumn.PartyCell, ImportErrorCodes.CellInvalid, partyCell);
        }

        // Party card number.
        var card = SheetRows.Text(Cell(row, ImportColumn.PartyCardNumber))?.Trim();
        if (string.IsNullOrEmpty(card))
        {
            card = null;
        }
        else if (card.Length > MaxCardLength || !card.All(char.IsAsciiLetterOrDigit))
        {
            Fail(ImportColumn.PartyCardNumber, ImportErrorCodes.CardInvalid, card);
        }

        // Date of joining the party.
        var joinedCell = Cell(row, ImportColumn.JoinedOn);
        var joinedText = SheetRows.Text(joinedCell);
        DateOnly? joined = null;
        if (joinedCell is not null)
        {
            if (ReadFullDate(joinedCell, joinedText) is not { } date)
            {
                Fail(ImportColumn.JoinedOn, ImportErrorCodes.JoinedInvalid, joinedText);
            }
            else if (date > today)
            {
                Fail(ImportColumn.JoinedOn, ImportErrorCodes.JoinedFuture, joinedText);
            }
            else if (birth.Error is null && JoinedBeforeAdulthood(date, birth))
            {
                Fail(ImportColumn.JoinedOn, ImportErrorCodes.JoinedBeforeAdulthood, joinedText);
            }
            else
            {
                joined = date;
            }
        }

        // Phone.
        var phoneCell = Cell(row, ImportColumn.Phone);
        var phoneText = SheetRows.Text(phoneCell);
        string? phone = null;
        if (phoneCell is not null)
        {
            phone = NormalizePhone(phoneCell, phoneText!);
            if (phone is null)
            {
                Fail(ImportColumn.Phone, ImportErrorCodes.PhoneInvalid, phoneText);
            }
        }

        // Address.
        var address = VietnameseText.Normalize(SheetRows.Text(Cell(row, ImportColumn.Address)));
        if (address.Length > MaxAddressLength)
        {
            Fail(ImportColumn.Address, ImportErrorCodes.AddressTooLong, address);
        }
        else if (!MemberRowRules.IsPlainText(address))
        {
            Fail(ImportColumn.Address, ImportErrorCodes.AddressInvalid, address);
        }

        if (errors.Count > errorsBefore)
        {
            return null;
        }

        return new ImportedMember(
            row.Number, id!, name, sex!.Value, birth.Year, birth.Date, partyCell, card, joined, phone,
            address.Length == 0 ? null : address);
    }

    private object? Cell(SheetRow row, ImportColumn column) => row[map[(int)column]];

    /// <summary>
    /// The ID as text. A number cell has lost the leading zeros of the province code (Phú Thọ 025
    /// becomes 25…, Hà Nội 001 becomes 1…), so a whole number of 10 or 11 digits is padded back to
    /// 12; the padded number must still pass every check. Text cells are taken as they are.
    /// </summary>
    private static string? IdText(object? cell)
    {
        if (cell is double number && SheetRows.IsWhole(number) && number > 0)
        {
            var digits = number.ToString("0", CultureInfo.InvariantCulture);
            return digits.Length is 10 or 11 ? digits.PadLeft(PersonalIdNumber.Length, '0') : digits;
        }

        return SheetRows.Text(cell);
    }

    private static string IdCode(IdNumberError? error) => error switch
    {
        IdNumberError.Empty => ImportErrorCodes.IdEmpty,
        IdNumberError.WrongLength => ImportErrorCodes.IdWrongLength,
        IdNumberError.NotDigits => ImportErrorCodes.IdNotDigits,
        IdNumberError.UnicodeDigits => ImportErrorCodes.IdUnicodeDigits,
        IdNumberError.UnknownProvince => ImportErrorCodes.IdUnknownProvince,
        IdNumberError.UnsupportedCentury => ImportErrorCodes.IdUnsupportedCentury,
        IdNumberError.SexMismatch => ImportErrorCodes.IdSexMismatch,
        IdNumberError.BirthYearMismatch => ImportErrorCodes.IdYearMismatch,
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, "Unknown ID number error."),
    };

    private readonly record struct Birth(int Year, DateOnly? Date, string? Error);

    /// <summary>
    /// A full date, or a year alone: party records of elderly members often hold only the year.
    /// A number cell holding a plausible year is a year; a date cell is a date.
    /// </summary>
    private Birth ReadBirth(object? cell, string? text)
    {
        if (cell is null)
        {
            return new Birth(0, null, ImportErrorCodes.DobEmpty);
        }

        int year;
        DateOnly? date = null;
        if (cell is double number && SheetRows.IsWhole(number) && number is >= 1000 and <= 9999)
        {
            year = (int)number;
        }
        else if (cell is string && IsYear(text!.Trim(), out var parsedYear))
        {
            year = parsedYear;
        }
        else if (ReadFullDate(cell, text) is { } fullDate)
        {
            date = fullDate;
            year = fullDate.Year;
        }
        else
        {
            return new Birth(0, null, ImportErrorCodes.DobInvalid);
        }

        if (year < MinYear)
        {
            return new Birth(year, date, ImportErrorCodes.DobInvalid);
        }

        if (date is { } known ? known > today : year > today.Year)
        {
            return new Birth(year, date, ImportErrorCodes.DobFuture);
        }

        // With the year alone the member may or may not have had the birthday; only a year that
        // makes them certainly under age is refused.
        var underAge = date is { } birthday ? birthday.AddYears(AdultAge) > today : today.Year - year < AdultAge;
        return underAge ? new Birth(year, date, ImportErrorCodes.DobTooYoung) : new Birth(year, date, null);
    }

    private static bool JoinedBeforeAdulthood(DateOnly joined, Birth birth) =>
        birth.Date is { } birthday ? joined < birthday.AddYears(AdultAge) : joined.Year < birth.Year + AdultAge;

    private static bool IsYear(string text, out int year)
    {
        year = 0;
        return text.Length == 4 && text.All(char.IsAsciiDigit) &&
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out year);
    }

    /// <summary>A date cell, or text in one of the accepted day-first or ISO forms; null otherwise.</summary>
    private static DateOnly? ReadFullDate(object cell, string? text)
    {
        if (cell is DateTime dateTime)
        {
            return dateTime.Year >= MinYear ? DateOnly.FromDateTime(dateTime) : null;
        }

        if (cell is not string || text is null)
        {
            return null;
        }

        var trimmed = text.Trim();
        // Only ASCII digits and the two separators: other digit forms are refused, not converted.
        if (!trimmed.All(ch => char.IsAsciiDigit(ch) || ch is '/' or '-'))
        {
            return null;
        }

        return DateOnly.TryParseExact(trimmed, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) &&
            date.Year >= MinYear
            ? date
            : null;
    }

    private static Sex? ReadSex(string? text) => VietnameseText.Fold(text) switch
    {
        "nam" or "male" or "m" => Sex.Male,
        "nu" or "female" or "f" => Sex.Female,
        _ => null,
    };

    /// <summary>
    /// Digits only, in the domestic form: "+84 912 345 678" → "0912345678". A number cell has
    /// lost the leading zero every domestic number has, so it is put back.
    /// </summary>
    private static string? NormalizePhone(object cell, string text)
    {
        if (cell is double number)
        {
            return SheetRows.IsWhole(number) && number > 0 ? VietnamesePhone.Digits("0" + number.ToString("0", CultureInfo.InvariantCulture)) : null;
        }

        return VietnamesePhone.Digits(text);
    }

    private static string? Echo(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var trimmed = value.Trim();
        return trimmed.Length <= MaxEchoedValue ? trimmed : string.Concat(trimmed.AsSpan(0, MaxEchoedValue), "…");
    }
}
