using Serilog.Core;
using Serilog.Events;

namespace PartyCardIntake.Web.Hosting;

/// <summary>
/// Masks 12-digit runs in every string a log event carries before any sink sees it. The application's own
/// messages mask ID numbers already, but ASP.NET Core and HttpClient add scope properties (RequestPath, Uri)
/// with the raw path, and the registry's citizen URLs hold the ID number.
/// </summary>
internal sealed class IdNumberMaskingEnricher : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        foreach (var (name, value) in logEvent.Properties.ToList())
        {
            var masked = Mask(value);
            if (!ReferenceEquals(masked, value))
            {
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, masked));
            }
        }
    }

    /// <summary>The same instance when nothing needed masking, so that unchanged events cost no allocation.</summary>
    private static LogEventPropertyValue Mask(LogEventPropertyValue value)
    {
        switch (value)
        {
            case ScalarValue { Value: string text }:
                var masked = RequestLoggingMiddleware.MaskPath(text);
                return masked == text ? value : new ScalarValue(masked);
            case SequenceValue sequence:
                var elements = sequence.Elements.Select(Mask).ToList();
                return elements.SequenceEqual(sequence.Elements) ? value : new SequenceValue(elements);
            case StructureValue structure:
                var properties = structure.Properties.Select(p => new { p.Name, Value = Mask(p.Value), p }).ToList();
                return properties.All(p => ReferenceEquals(p.Value, p.p.Value))
                    ? value
                    : new StructureValue(properties.Select(p => new LogEventProperty(p.Name, p.Value)), structure.TypeTag);
            default:
                return value;
        }
    }
}
