using Serilog.Core;
using Serilog.Events;

namespace PartyCardIntake.Web.Hosting;

/// <summary>
/// Masks 12-digit runs (<see cref="IdNumberMask"/>) in every string a log event carries, before any sink sees it.
/// This is the one place logs are masked: besides the application's own properties, ASP.NET Core and HttpClient
/// attach scope properties (RequestPath, Uri) with the raw path, and the registry's citizen URLs hold the ID number.
/// </summary>
internal sealed class IdNumberMaskingEnricher : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        List<LogEventProperty>? masked = null;
        foreach (var (name, value) in logEvent.Properties)
        {
            var replacement = Mask(value);
            if (!ReferenceEquals(replacement, value))
            {
                (masked ??= []).Add(new LogEventProperty(name, replacement));
            }
        }

        // Replaced after the loop: the event's properties cannot change while they are enumerated.
        foreach (var property in masked ?? [])
        {
            logEvent.AddOrUpdateProperty(property);
        }
    }

    /// <summary>The same instance when nothing needed masking, so that an event without an ID number costs no allocation.</summary>
    private static LogEventPropertyValue Mask(LogEventPropertyValue value)
    {
        switch (value)
        {
            case ScalarValue { Value: string text }:
                var masked = IdNumberMask.Apply(text);
                return masked == text ? value : new ScalarValue(masked);
            case SequenceValue sequence:
                var elements = sequence.Elements.Select(Mask).ToList();
                return elements.SequenceEqual(sequence.Elements, ReferenceEqualityComparer.Instance) ? value : new SequenceValue(elements);
            case StructureValue structure:
                var properties = structure.Properties.Select(p => new LogEventProperty(p.Name, Mask(p.Value))).ToList();
                return properties.Select(p => p.Value).SequenceEqual(structure.Properties.Select(p => p.Value), ReferenceEqualityComparer.Instance)
                    ? value
                    : new StructureValue(properties, structure.TypeTag);
            default:
                return value;
        }
    }
}
