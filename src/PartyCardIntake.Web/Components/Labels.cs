using System.Globalization;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Registry;
using PartyCardIntake.Infrastructure.Media;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Components;

/// <summary>Vietnamese labels for enum values and the app's date formats (dd/MM/yyyy, 24-hour).</summary>
public static class Labels
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>
    /// Vietnamese alphabetical order with numbers compared as numbers ("Khu 2" before "Khu 10"), for the names of
    /// cells, sites, communes and devices. People's names sort by given name first: use VietnameseNameOrder.
    /// </summary>
    public static StringComparer NameOrder { get; } = StringComparer.Create(Vietnamese, CompareOptions.NumericOrdering);

    public static string Role(string role) => Ui.ResourceManager.GetString($"Role_{role}", Ui.Culture) ?? role;

    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var prefix = typeof(TEnum).Name switch
        {
            nameof(ExemptionReason) => "Exemption",
            nameof(CellAvailability) => "Availability",
            nameof(ApplicationState) => "State",
            nameof(VerificationStatus) => "Verification",
            nameof(Core.Domain.Sex) => "Sex",
            nameof(RegistryField) => "Field",
            nameof(FieldSeverity) => "Severity",
            nameof(WorklistStatus) => "WorklistStatus",
            _ => typeof(TEnum).Name,
        };
        return Ui.ResourceManager.GetString($"{prefix}_{value}", Ui.Culture) ?? value.ToString();
    }

    /// <summary>Sentence for a comparison reason code such as "dob.year-only".</summary>
    public static string Reason(string? code) =>
        (code is null ? null : Ui.ResourceManager.GetString("Reason_" + code.Replace('.', '_').Replace('-', '_'), Ui.Culture))
        ?? Ui.Reason_unknown;

    /// <summary>Sentence for a failed registry lookup ("timeout", "circuit-open", "http-503", …).</summary>
    public static string RegistryFailure(string? code)
    {
        if (code is not null && code.StartsWith("http-", StringComparison.Ordinal))
        {
            return Ui.RegistryFailure_http;
        }

        return (code is null ? null : Ui.ResourceManager.GetString("RegistryFailure_" + code.Replace('-', '_'), Ui.Culture))
            ?? Ui.RegistryFailure_network;
    }

    public static string PhotoError(PhotoError error) =>
        Ui.ResourceManager.GetString($"PhotoError_{error}", Ui.Culture) ?? Ui.Submit_PhotoMissing;

    public static string SignatureError(SignatureError error) =>
        Ui.ResourceManager.GetString($"SignatureError_{error}", Ui.Culture) ?? Ui.Submit_SignatureMissing;

    /// <summary>A message or label by code ("done.corrected", "member.birth-invalid", "Event_Imported").</summary>
    public static string Message(string code) =>
        Ui.ResourceManager.GetString("Msg_" + code.Replace('.', '_').Replace('-', '_'), Ui.Culture) ?? code;

    /// <summary>Name of a member field as shown in the history.</summary>
    public static string FieldName(string field) => Ui.ResourceManager.GetString("Field_" + field, Ui.Culture) ?? field;

    /// <summary>Sentence for an import code ("id.unicode-digits", "file.missing-columns", …), with its detail.</summary>
    public static string ImportCode(string code, string? value = null)
    {
        var text = Ui.ResourceManager.GetString("ImportCode_" + code.Replace('.', '_').Replace('-', '_'), Ui.Culture) ?? Message(code);
        return text.Contains("{0}", StringComparison.Ordinal) ? string.Format(Ui.Culture, text, value) : text;
    }

    public static string Weekday(DayOfWeek day) => Ui.ResourceManager.GetString($"Weekday_{day}", Ui.Culture) ?? day.ToString();

    public static string IdError(IdNumberError error) => Ui.ResourceManager.GetString($"IdError_{error}", Ui.Culture) ?? error.ToString();

    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", Vietnamese);

    public static string Date(DateOnly? date) => date is { } d ? Date(d) : "—";

    public static string DateTime(DateTimeOffset value) => value.ToString("dd/MM/yyyy HH:mm", Vietnamese);

    public static string Time(TimeOnly time) => time.ToString("HH:mm", Vietnamese);

    public static string Number(int value) => value.ToString("N0", Vietnamese);

    public static string Percent(int part, int whole) =>
        whole == 0 ? "—" : ((double)part / whole).ToString("P1", Vietnamese);

    /// <summary>A percentage already rounded to one decimal (as the reports compute it), in the same format.</summary>
    public static string Percent(double percent) => (percent / 100).ToString("P1", Vietnamese);

    /// <summary>Minutes with one decimal ("3,2"), or a dash when there is nothing to measure.</summary>
    public static string Minutes(double? minutes) => minutes is { } m ? m.ToString("0.0", Vietnamese) : "—";

    public static string BirthDate(int year, DateOnly? date) =>
        date is { } d ? Date(d) : year.ToString(CultureInfo.InvariantCulture);
}
