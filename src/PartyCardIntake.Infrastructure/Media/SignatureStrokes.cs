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

    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        MaxDepth = 16,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    /// <summary>
    /// One forward pass over the UTF-8 text, writing the normalised JSON as it goes: no document is built, and numbers
    /// are copied as the browser wrote them once checked (a document, then formatting the numbers again, was most of
    /// a save's signature check). A property named twice in one object is refused, as a JSON document would.
    /// </summary>
    public static StrokesReading Read(string json, SignatureRules rules)
    {
        // Characters never outnumber UTF-8 bytes, so the cheap test comes first.
        if (json.Length > rules.MaxStrokesJsonBytes || Encoding.UTF8.GetByteCount(json) > rules.MaxStrokesJsonBytes)
        {
            return StrokesReading.Fail(SignatureError.StrokesTooLarge, $"stroke JSON over {rules.MaxStrokesJsonBytes} bytes");
        }

        var utf8 = Encoding.UTF8.GetBytes(json);
        var output = new ArrayBufferWriter<byte>(utf8.Length);
        var points = new ArrayBufferWriter<byte>(utf8.Length);
        try
        {
            var reader = new Utf8JsonReader(utf8, ReaderOptions);
            using var writer = new Utf8JsonWriter(output);
            using var pointWriter = new Utf8JsonWriter(points);
            var measure = new Measure();
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                return StrokesReading.Fail(SignatureError.StrokesInvalid, "the top level is not an array of strokes");
            }

            writer.WriteStartArray();
            var groupIndex = 0;
            while (Next(ref reader) != JsonTokenType.EndArray)
            {
                if (groupIndex >= rules.MaxStrokes)
                {
                    return StrokesReading.Fail(SignatureError.StrokesTooLarge, $"more than {rules.MaxStrokes} strokes");
                }

                points.ResetWrittenCount();
                pointWriter.Reset(points);
                var error = ReadGroup(ref reader, utf8, writer, pointWriter, points, measure, rules);
                if (error is not null)
                {
                    return StrokesReading.Fail(error.Value.Error, $"stroke {groupIndex}: {error.Value.Detail}");
                }

                groupIndex++;
            }

            writer.WriteEndArray();
            if (reader.Read())
            {
                return StrokesReading.Fail(SignatureError.StrokesInvalid, "not JSON: content after the strokes");
            }

            writer.Flush();
            return StrokesReading.Success(Encoding.UTF8.GetString(output.WrittenSpan), measure);
        }
        catch (JsonException e)
        {
            return StrokesReading.Fail(SignatureError.StrokesInvalid, $"not JSON: {e.Message}");
        }
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new JsonException("the text ends too early");

    private static (SignatureError Error, string Detail)? ReadGroup(
        ref Utf8JsonReader reader, byte[] utf8, Utf8JsonWriter writer, Utf8JsonWriter pointWriter, ArrayBufferWriter<byte> points, Measure measure, SignatureRules rules)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return (SignatureError.StrokesInvalid, "not an object");
        }

        string? penColor = null;
        string? composite = null;
        var options = new Range?[NumericOptions.Length];
        var names = new Names();
        var hasPoints = false;
        var pointCount = 0;
        const string Twice = "a property is named twice";
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("points"u8))
            {
                if (hasPoints)
                {
                    return (SignatureError.StrokesInvalid, Twice);
                }

                if (Next(ref reader) != JsonTokenType.StartArray)
                {
                    return (SignatureError.StrokesInvalid, "no points array");
                }

                hasPoints = true;
                measure.BeginStroke();
                pointWriter.WriteStartArray();
                while (Next(ref reader) != JsonTokenType.EndArray)
                {
                    if (measure.Points + 1 > rules.MaxPoints)
                    {
                        return (SignatureError.StrokesTooLarge, $"more than {rules.MaxPoints} points");
                    }

                    if (ReadPoint(ref reader, utf8, pointWriter, measure) is { } error)
                    {
                        return (SignatureError.StrokesInvalid, $"point {pointCount}: {error}");
                    }

                    pointCount++;
                }

                pointWriter.WriteEndArray();
            }
            else if (reader.ValueTextEquals("penColor"u8))
            {
                if (penColor is not null)
                {
                    return (SignatureError.StrokesInvalid, Twice);
                }

                if (Next(ref reader) != JsonTokenType.String || reader.GetString() is not { } colour || !CssColour().IsMatch(colour))
                {
                    return (SignatureError.StrokesInvalid, "penColor is not a plain CSS colour");
                }

                penColor = colour;
            }
            else if (reader.ValueTextEquals("compositeOperation"u8))
            {
                if (composite is not null)
                {
                    return (SignatureError.StrokesInvalid, Twice);
                }

                if (Next(ref reader) != JsonTokenType.String || reader.GetString() is not { } operation || !CompositeOperation().IsMatch(operation))
                {
                    return (SignatureError.StrokesInvalid, "compositeOperation is not a canvas operation name");
                }

                composite = operation;
            }
            else if (OptionIndex(ref reader) is { } option)
            {
                if (options[option] is not null)
                {
                    return (SignatureError.StrokesInvalid, Twice);
                }

                Next(ref reader);
                if (!TryGetFinite(ref reader, out var value) || value < 0 || value > MaxOption)
                {
                    return (SignatureError.StrokesInvalid, $"{NumericOptions[option]} is not a number between 0 and {MaxOption}");
                }

                options[option] = NumberAt(ref reader);
            }
            else
            {
                // Unknown properties (pointer type, tilt) are not kept.
                if (!names.Add(ref reader))
                {
                    return (SignatureError.StrokesInvalid, Twice);
                }

                Next(ref reader);
                reader.Skip();
            }
        }

        if (!hasPoints)
        {
            return (SignatureError.StrokesInvalid, "no points array");
        }

        // A group without points draws nothing; signature_pad does not produce one, and keeping it would only add noise.
        if (pointCount == 0)
        {
            return null;
        }

        writer.WriteStartObject();
        if (penColor is not null)
        {
            writer.WriteString("penColor", penColor);
        }

        for (var i = 0; i < NumericOptions.Length; i++)
        {
            if (options[i] is { } number)
            {
                writer.WritePropertyName(NumericOptions[i]);
                writer.WriteRawValue(utf8.AsSpan(number), skipInputValidation: true);
            }
        }

        if (composite is not null)
        {
            writer.WriteString("compositeOperation", composite);
        }

        pointWriter.Flush();
        writer.WritePropertyName("points"u8);
        writer.WriteRawValue(points.WrittenSpan, skipInputValidation: true);
        writer.WriteEndObject();
        return null;
    }

    private static string? ReadPoint(ref Utf8JsonReader reader, byte[] utf8, Utf8JsonWriter writer, Measure measure)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return "not an object";
        }

        Range? xAt = null, yAt = null, timeAt = null, pressureAt = null;
        double x = 0, y = 0;
        var names = new Names();
        const string Twice = "a property is named twice";
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("x"u8) || reader.ValueTextEquals("y"u8))
            {
                var isX = reader.ValueTextEquals("x"u8);
                if ((isX ? xAt : yAt) is not null)
                {
                    return Twice;
                }

                Next(ref reader);
                if (!TryGetFinite(ref reader, out var value) || Math.Abs(value) > MaxCoordinate)
                {
                    return "x and y must be numbers within the canvas' reach";
                }

                if (isX)
                {
                    (x, xAt) = (value, NumberAt(ref reader));
                }
                else
                {
                    (y, yAt) = (value, NumberAt(ref reader));
                }
            }
            else if (reader.ValueTextEquals("time"u8))
            {
                if (timeAt is not null)
                {
                    return Twice;
                }

                Next(ref reader);
                if (!TryGetFinite(ref reader, out var time) || time < 0)
                {
                    return "time is not a non-negative number";
                }

                timeAt = NumberAt(ref reader);
            }
            else if (reader.ValueTextEquals("pressure"u8))
            {
                if (pressureAt is not null)
                {
                    return Twice;
                }

                Next(ref reader);
                if (!TryGetFinite(ref reader, out var pressure) || pressure is < 0 or > 1)
                {
                    return "pressure is not a number between 0 and 1";
                }

                pressureAt = NumberAt(ref reader);
            }
            else
            {
                if (!names.Add(ref reader))
                {
                    return Twice;
                }

                Next(ref reader);
                reader.Skip();
            }
        }

        if (xAt is not { } xRange || yAt is not { } yRange)
        {
            return "x and y must be numbers within the canvas' reach";
        }

        writer.WriteStartObject();
        Copy(writer, "x"u8, utf8, xRange);
        Copy(writer, "y"u8, utf8, yRange);
        if (timeAt is { } timeRange)
        {
            Copy(writer, "time"u8, utf8, timeRange);
        }

        if (pressureAt is { } pressureRange)
        {
            Copy(writer, "pressure"u8, utf8, pressureRange);
        }

        writer.WriteEndObject();
        measure.Add(x, y);
        return null;
    }

    private static void Copy(Utf8JsonWriter writer, ReadOnlySpan<byte> name, byte[] utf8, Range number)
    {
        writer.WritePropertyName(name);
        writer.WriteRawValue(utf8.AsSpan(number), skipInputValidation: true);
    }

    // A number token is never escaped, so its bytes are the input's own.
    private static Range NumberAt(ref Utf8JsonReader reader) =>
        new((int)reader.TokenStartIndex, (int)reader.TokenStartIndex + reader.ValueSpan.Length);

    private static int? OptionIndex(ref Utf8JsonReader reader)
    {
        for (var i = 0; i < NumericOptions.Length; i++)
        {
            if (reader.ValueTextEquals(NumericOptions[i]))
            {
                return i;
            }
        }

        return null;
    }

    private static bool TryGetFinite(ref Utf8JsonReader reader, out double value)
    {
        value = 0;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out value) && double.IsFinite(value);
    }

    /// <summary>The unknown property names of one object so far (the known ones are told by their values); rare, so a list is enough.</summary>
    private struct Names
    {
        private List<string>? _seen;

        public bool Add(ref Utf8JsonReader reader)
        {
            var name = reader.GetString()!;
            _seen ??= new List<string>(4);
            if (_seen.Contains(name, StringComparer.Ordinal))
            {
                return false;
            }

            _seen.Add(name);
            return true;
        }
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
