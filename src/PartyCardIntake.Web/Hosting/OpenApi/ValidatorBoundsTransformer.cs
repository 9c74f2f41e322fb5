using System.Globalization;
using FluentValidation;
using FluentValidation.Validators;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace PartyCardIntake.Web.Hosting.OpenApi;

/// <summary>
/// Copies the bounds a contract's FluentValidation rules enforce into its schema (lengths, ranges, patterns,
/// required values), so that the document and the validator cannot say different things. Rules under a
/// condition (When/Unless) are left out: they do not always hold. A nullable property is required only when
/// a rule says so: the framework would otherwise require every constructor parameter of a record.
/// </summary>
internal sealed class ValidatorBoundsTransformer(IServiceScopeFactory scopes) : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (context.JsonPropertyInfo is not null || schema.Properties is not { Count: > 0 } || type.IsPrimitive || type == typeof(string))
        {
            return Task.CompletedTask;
        }

        using var scope = scopes.CreateScope();
        if (scope.ServiceProvider.GetService(typeof(IValidator<>).MakeGenericType(type)) is not IValidator validator)
        {
            return Task.CompletedTask;
        }

        var descriptor = validator.CreateDescriptor();
        foreach (var (name, property) in schema.Properties)
        {
            if (property.Type?.HasFlag(JsonSchemaType.Null) ?? false)
            {
                schema.Required?.Remove(name);
            }
        }

        foreach (var property in context.JsonTypeInfo.Properties)
        {
            if (property.AttributeProvider is not System.Reflection.MemberInfo member
                || !schema.Properties.TryGetValue(property.Name, out var found)
                || found is not OpenApiSchema target)
            {
                continue;
            }

            foreach (var rule in descriptor.GetRulesForMember(member.Name))
            {
                if (rule.HasCondition || rule.HasAsyncCondition)
                {
                    continue;
                }

                foreach (var component in rule.Components)
                {
                    if (component.HasCondition || component.HasAsyncCondition)
                    {
                        continue;
                    }

                    Apply(schema, property.Name, target, component.Validator);
                }
            }
        }

        return Task.CompletedTask;
    }

    private static void Apply(OpenApiSchema owner, string name, OpenApiSchema target, IPropertyValidator validator)
    {
        var isArray = target.Type?.HasFlag(JsonSchemaType.Array) ?? false;
        switch (validator)
        {
            case INotNullValidator:
                Require(owner, name);
                break;
            case INotEmptyValidator:
                Require(owner, name);
                if (isArray)
                {
                    target.MinItems = Math.Max(target.MinItems ?? 0, 1);
                }
                else
                {
                    target.MinLength = Math.Max(target.MinLength ?? 0, 1);
                }

                break;
            case ILengthValidator length:
                if (length.Min > 0)
                {
                    target.MinLength = length.Min;
                }

                if (length.Max > 0)
                {
                    target.MaxLength = length.Max;
                }

                break;
            case IBetweenValidator between when Number(between.From) is { } from && Number(between.To) is { } to:
                var exclusive = between.Name.Contains("Exclusive", StringComparison.Ordinal);
                if (exclusive)
                {
                    target.ExclusiveMinimum = from;
                    target.ExclusiveMaximum = to;
                }
                else
                {
                    target.Minimum = from;
                    target.Maximum = to;
                }

                break;
            case IComparisonValidator comparison when Number(comparison.ValueToCompare) is { } value:
                switch (comparison.Comparison)
                {
                    case Comparison.GreaterThan:
                        target.ExclusiveMinimum = value;
                        break;
                    case Comparison.GreaterThanOrEqual:
                        target.Minimum = value;
                        break;
                    case Comparison.LessThan:
                        target.ExclusiveMaximum = value;
                        break;
                    case Comparison.LessThanOrEqual:
                        target.Maximum = value;
                        break;
                }

                break;
            case IRegularExpressionValidator pattern:
                target.Pattern = pattern.Expression;
                break;
        }
    }

    private static void Require(OpenApiSchema owner, string name)
    {
        owner.Required ??= new HashSet<string>(StringComparer.Ordinal);
        owner.Required.Add(name);
    }

    private static string? Number(object? value) => value switch
    {
        int or long or short or byte or double or float or decimal => Convert.ToString(value, CultureInfo.InvariantCulture),
        _ => null,
    };
}
