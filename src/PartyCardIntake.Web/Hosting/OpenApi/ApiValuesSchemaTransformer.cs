using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace PartyCardIntake.Web.Hosting.OpenApi;

/// <summary>Writes <see cref="ApiValuesAttribute"/> as <c>enum</c> and <see cref="ApiDateAttribute"/> as <c>format: date</c>.</summary>
internal sealed class ApiValuesSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var attributes = Attributes(context);
        if (attributes.Count == 0)
        {
            return Task.CompletedTask;
        }

        var target = Target(schema);
        foreach (var attribute in attributes)
        {
            switch (attribute)
            {
                case ApiValuesAttribute values:
                    if (target is not null)
                    {
                        target.Enum = values.Values.Select(v => (JsonNode)JsonValue.Create(v)).ToList();
                    }
                    else
                    {
                        schema.PropertyNames = new OpenApiSchema { Type = JsonSchemaType.String, Enum = values.Values.Select(v => (JsonNode)JsonValue.Create(v)).ToList() };
                    }

                    break;
                case ApiDateAttribute:
                    if (target is not null)
                    {
                        target.Format = "date";
                    }
                    else
                    {
                        schema.PropertyNames = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" };
                    }

                    break;
            }
        }

        return Task.CompletedTask;
    }

    private static List<Attribute> Attributes(OpenApiSchemaTransformerContext context)
    {
        if (context.JsonPropertyInfo?.AttributeProvider is { } provider)
        {
            return provider.GetCustomAttributes(true).OfType<Attribute>().Where(Wanted).ToList();
        }

        if (context.ParameterDescription?.ParameterDescriptor is IParameterInfoParameterDescriptor { ParameterInfo: { } parameter })
        {
            return parameter.GetCustomAttributes(true).OfType<Attribute>().Where(Wanted).ToList();
        }

        return [];
    }

    private static bool Wanted(Attribute attribute) => attribute is ApiValuesAttribute or ApiDateAttribute;

    /// <summary>The string schema to annotate: the field itself, a list's items, or null for a map (its keys).</summary>
    private static OpenApiSchema? Target(OpenApiSchema schema)
    {
        if (schema.AdditionalProperties is not null || (schema.Type?.HasFlag(JsonSchemaType.Object) ?? false))
        {
            return null;
        }

        return schema.Items is OpenApiSchema items ? items : schema;
    }
}
