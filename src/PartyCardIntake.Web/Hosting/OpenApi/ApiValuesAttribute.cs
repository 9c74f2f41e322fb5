namespace PartyCardIntake.Web.Hosting.OpenApi;

/// <summary>
/// The text values a string field takes, for the OpenAPI document: the values of a string, the items of a list,
/// or the keys of a map. The contracts keep such fields as text so that a wrong value is reported against its
/// field with the rest of the body's problems, rather than failing the whole body.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
internal sealed class ApiValuesAttribute(params string[] values) : Attribute
{
    public IReadOnlyList<string> Values { get; } = values;
}

/// <summary>A text field holding an ISO date (yyyy-MM-dd): its value, its items, or the keys of its map.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
internal sealed class ApiDateAttribute : Attribute;
