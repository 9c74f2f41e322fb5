using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PartyCardIntake.Infrastructure.Media;

/// <summary>
/// Reads signature_pad 5 <c>toData()</c> output: an array of stroke groups, each with pen options
/// and <c>points</c> of <c>{ x, y, time, pressure }</c>. Unknown properties are tolerated and left
/// out of the normalised JSON, so what is stored is only what <c>fromData()</c> uses.
/// </summary>
internal static partial class SignatureStrokes
{
    /// <summary>Far beyond any canvas; larger values are not pointer positions.</summary>
    private const double MaxCoordinate = 100_000;

    /// <summary>Pen widths and the velocity filter are small numbers in signature_pad.</summary>
    private const double MaxOption = 1_000;

    private static readonly string[] NumericOptions = ["dotSize", "minWidth", "maxWidth", "velocityFilterWeight"];

    private static readonly JsonDocumentOptions ParseOptions = new()
    {
        MaxDepth = 16,
        AllowDuplicateProperties = false,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    public static StrokesReading Read(string json, SignatureRules rules)
    {
        // Characters never outnumber UTF-8 bytes, so the cheap test comes first.
        if (json.Length > rules.MaxStrokesJsonBytes || Encoding.UTF8.GetByteCount(json) > rules.MaxStrokesJsonBytes)
        {
            return StrokesReading.Fail(SignatureError.StrokesTooLarge, $"stroke JSON over {rules.MaxStrokesJsonBytes} bytes");
        }

        try
        {
            using var document = JsonDocument.Parse(json, ParseOptions);
            return Read(document.RootElement, rules);
        }
        catch (JsonException e)
        {
            return StrokesReading.Fail(SignatureError.StrokesInvalid, $"not JSON: {e.Message}");
        }
    }

    private static StrokesReading Read(JsonElement root, SignatureRules rules)
    {
        if (root.ValueKind != JsonValueKind.Array)
        {
            return StrokesReading.Fail(SignatureError.StrokesInvalid, "the top level is not an array of strokes");
        }

        if (root.GetArrayLength() > rules.MaxStrokes)
        {
            return StrokesReading.Fail(SignatureError.StrokesTooLarge, $"more than {rules.MaxStrokes} strokes");
        }

        var buffer = new ArrayBufferWriter<byte>();
        using var writer = new Utf8JsonWriter(buffer);
        var measure = new Measure();
        writer.WriteStartArray();

        var groupIndex = 0;
        foreach (var group in root.EnumerateArray())
        {
            var error = WriteGroup(group, writer, measure, rules);
            if (error is not null)
            {
                return StrokesReading.Fail(error.Value.Error, $"stroke {groupIndex}: {error.Value.Detail}");
            }

            groupIndex++;
        }

        writer.WriteEndArray();
        writer.Flush();
        return StrokesReading.Success(Encoding.UTF8.GetString(buffer.WrittenSpan), measure);
    }

    private static (SignatureError Error, string Detail)? WriteGroup(JsonElement group, Utf8JsonWriter writer, Measure measure, SignatureRules rules)
    {
        if (group.ValueKind != JsonValueKind.Object)
        {
            return (SignatureError.StrokesInvalid, "not an object");
        }

        if (!group.TryGetProperty("points"u8, out var points) || points.ValueKind != JsonValueKind.Array)
        {
            return (SignatureError.StrokesInvalid, "no points array");
        }

        // A group without points draws nothing; signature_pad does not produce one, and keeping it would only add noise.
        if (points.GetArrayLength() == 0)
        {
            return null;
        }

        if (measure.Points + points.GetArrayLength() > rules.MaxPoints)
        {
            return (SignatureError.StrokesTooLarge, $"more than {rules.MaxPoints} points");
        }

        writer.WriteStartObject();

        if (group.TryGetProperty("penColor"u8, out var penColor))
        {
            if (penColor.ValueKind != JsonValueKind.String || !CssColour().IsMatch(penColor.GetString()!))
            {
                return (SignatureError.StrokesInvalid, "penColor is not a plain CSS colour");
            }

            writer.WriteString("penColor", penColor.GetString());
        }

        foreach (var name in NumericOptions)
        {
            if (group.TryGetProperty(name, out var option))
            {
                if (!TryGetFinite(option, out var value) || value < 0 || value > MaxOption)
                {
                    return (SignatureError.StrokesInvalid, $"{name} is not a number between 0 and {MaxOption}");
                }

                writer.WritePropertyName(name);
                option.WriteTo(writer);
            }
        }

        if (group.TryGetProperty("compositeOperation"u8, out var composite))
        {
            if (composite.ValueKind != JsonValueKind.String || !CompositeOperation().IsMatch(composite.GetString()!))
            {
                return (SignatureError.StrokesInvalid, "compositeOperation is not a canvas operation name");
            }

            writer.WriteString("compositeOperation", composite.GetString());
        }

        writer.WriteStartArray("points");
        measure.BeginStroke();
        var pointIndex = 0;
        foreach (var point in points.EnumerateArray())
        {
            var error = WritePoint(point, writer, measure);
            if (error is not null)
            {
                return (SignatureError.StrokesInvalid, $"point {pointIndex}: {error}");
            }

            pointIndex++;
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        return null;
    }

    private static string? WritePoint(JsonElement point, Utf8JsonWriter writer, Measure measure)
    {
        if (point.ValueKind != JsonValueKind.Object)
        {
            return "not an object";
        }

        if (!point.TryGetProperty("x"u8, out var xElement) || !TryGetFinite(xElement, out var x) || Math.Abs(x) > MaxCoordinate
            || !point.TryGetProperty("y"u8, out var yElement) || !TryGetFinite(yElement, out var y) || Math.Abs(y) > MaxCoordinate)
        {
            return "x and y must be numbers within the canvas' reach";
        }

        // Numbers are copied as the browser wrote them (already checked finite and in range): formatting them
        // again as doubles was most of the cost of a save's signature check.
        writer.WriteStartObject();
        writer.WritePropertyName("x"u8);
        xElement.WriteTo(writer);
        writer.WritePropertyName("y"u8);
        yElement.WriteTo(writer);

        if (point.TryGetProperty("time"u8, out var timeElement))
        {
            if (!TryGetFinite(timeElement, out var time) || time < 0)
            {
                return "time is not a non-negative number";
            }

            writer.WritePropertyName("time"u8);
            timeElement.WriteTo(writer);
        }

        if (point.TryGetProperty("pressure"u8, out var pressureElement))
        {
            if (!TryGetFinite(pressureElement, out var pressure) || pressure is < 0 or > 1)
            {
                return "pressure is not a number between 0 and 1";
            }

            writer.WritePropertyName("pressure"u8);
            pressureElement.WriteTo(writer);
        }

        writer.WriteEndObject();
        measure.Add(x, y);
        return null;
    }

    private static bool TryGetFinite(JsonElement element, out double value)
    {
        value = 0;
        return element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out value) && double.IsFinite(value);
    }

    /// <summary>Hex, rgb()/rgba()/hsl() or a colour keyword: enough for a pen, nothing that could carry markup.</summary>
    [GeneratedRegex(@"^(#[0-9A-Fa-f]{3,8}|(rgb|rgba|hsl|hsla)\([0-9.,%\s/]{1,48}\)|[A-Za-z]{1,32})$")]
    private static partial Regex CssColour();

    [GeneratedRegex("^[a-z-]{1,32}$")]
    private static partial Regex CompositeOperation();
}

/// <summary>How much ink the strokes put down, for telling a signature from a dot or a dash.</summary>
internal sealed class Measure
{
    private double _lastX;
    private double _lastY;
    private bool _inStroke;

    public int Points { get; private set; }

    public double MinX { get; private set; } = double.MaxValue;

    public double MaxX { get; private set; } = double.MinValue;

    public double MinY { get; private set; } = double.MaxValue;

    public double MaxY { get; private set; } = double.MinValue;

    /// <summary>Sum of the distances between consecutive points of each stroke; pen lifts add nothing.</summary>
    public double InkLength { get; private set; }

    public double Width => Points == 0 ? 0 : MaxX - MinX;

    public double Height => Points == 0 ? 0 : MaxY - MinY;

    public void BeginStroke() => _inStroke = false;

    public void Add(double x, double y)
    {
        if (_inStroke)
        {
            InkLength += Math.Sqrt(((x - _lastX) * (x - _lastX)) + ((y - _lastY) * (y - _lastY)));
        }

        _inStroke = true;
        _lastX = x;
        _lastY = y;
        Points++;
        MinX = Math.Min(MinX, x);
        MaxX = Math.Max(MaxX, x);
        MinY = Math.Min(MinY, y);
        MaxY = Math.Max(MaxY, y);
    }
}

/// <summary>The outcome of <see cref="SignatureStrokes.Read(string, SignatureRules)"/>.</summary>
internal sealed class StrokesReading
{
    private StrokesReading(string? normalised, Measure? measure, SignatureError? error, string? detail)
    {
        Normalised = normalised;
        Measure = measure;
        Error = error;
        Detail = detail;
    }

    public string? Normalised { get; }

    public Measure? Measure { get; }

    public SignatureError? Error { get; }

    public string? Detail { get; }

    public static StrokesReading Success(string normalised, Measure measure) => new(normalised, measure, null, null);

    public static StrokesReading Fail(SignatureError error, string detail) => new(null, null, error, detail);
}
