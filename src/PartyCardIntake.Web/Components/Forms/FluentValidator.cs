using FluentValidation;
using FluentValidation.Internal;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace PartyCardIntake.Web.Components.Forms;

/// <summary>
/// Puts an EditForm under the FluentValidation validator registered for its model: messages land beside the
/// fields by property path (nested paths such as <c>Days[3].Opens</c> included), on submit and as fields change.
/// </summary>
public sealed class FluentValidator : ComponentBase, IDisposable
{
    private ValidationMessageStore? messages;
    private EditContext? subscribed;

    [CascadingParameter]
    private EditContext? EditContext { get; set; }

    [Inject]
    private IServiceProvider Services { get; set; } = default!;

    protected override void OnParametersSet()
    {
        if (EditContext is null)
        {
            throw new InvalidOperationException($"{nameof(FluentValidator)} must be placed inside an EditForm.");
        }

        if (ReferenceEquals(EditContext, subscribed))
        {
            return;
        }

        Unsubscribe();
        subscribed = EditContext;
        messages = new ValidationMessageStore(EditContext);
        EditContext.OnValidationRequested += OnValidationRequested;
        EditContext.OnFieldChanged += OnFieldChanged;
    }

    public void Dispose() => Unsubscribe();

    private void OnValidationRequested(object? sender, ValidationRequestedEventArgs e)
    {
        var context = subscribed!;
        messages!.Clear();
        foreach (var failure in Validate(context.Model, propertyPath: null))
        {
            messages.Add(FieldFor(context.Model, failure.PropertyName), failure.ErrorMessage);
        }

        context.NotifyValidationStateChanged();
    }

    private void OnFieldChanged(object? sender, FieldChangedEventArgs e)
    {
        var context = subscribed!;
        var path = PathOf(context.Model, e.FieldIdentifier);
        if (path is null)
        {
            return;
        }

        messages!.Clear(e.FieldIdentifier);

        // A collection's own rule ("at least one day open") also runs its items' rules: their fields get fresh
        // messages, not a second copy of the old ones.
        var failures = Validate(context.Model, path).Select(f => (Field: FieldFor(context.Model, f.PropertyName), f.ErrorMessage)).ToList();
        foreach (var field in failures.Select(f => f.Field).Distinct())
        {
            messages.Clear(field);
        }

        foreach (var (field, message) in failures)
        {
            messages.Add(field, message);
        }

        context.NotifyValidationStateChanged();
    }

    private List<FluentValidation.Results.ValidationFailure> Validate(object model, string? propertyPath)
    {
        var validatorType = typeof(IValidator<>).MakeGenericType(model.GetType());
        if (Services.GetService(validatorType) is not IValidator validator)
        {
            throw new InvalidOperationException($"No validator is registered for {model.GetType().Name}.");
        }

        var selector = propertyPath is null
            ? (IValidatorSelector)new DefaultValidatorSelector()
            : new MemberNameValidatorSelector([propertyPath]);
        var context = new ValidationContext<object>(model, new PropertyChain(), selector);
        return validator.Validate(context).Errors;
    }

    /// <summary>The field of a path such as "Days[3].Opens": the object at "Days[3]" and its property "Opens".</summary>
    internal static FieldIdentifier FieldFor(object model, string propertyPath)
    {
        var owner = model;
        var parts = propertyPath.Split('.');
        for (var i = 0; i < parts.Length - 1; i++)
        {
            owner = Step(owner, parts[i]) ?? owner;
        }

        return new FieldIdentifier(owner, parts[^1]);
    }

    /// <summary>The path from the model to a field, found by walking the model's properties and lists.</summary>
    internal static string? PathOf(object model, FieldIdentifier field)
    {
        if (ReferenceEquals(field.Model, model))
        {
            return field.FieldName;
        }

        foreach (var property in model.GetType().GetProperties())
        {
            if (property.GetIndexParameters().Length > 0 || property.PropertyType.IsValueType || property.PropertyType == typeof(string))
            {
                continue;
            }

            var value = property.GetValue(model);
            if (value is System.Collections.IEnumerable items and not string)
            {
                var index = 0;
                foreach (var item in items)
                {
                    if (item is not null && ReferenceEquals(item, field.Model))
                    {
                        return $"{property.Name}[{index}].{field.FieldName}";
                    }

                    index++;
                }
            }
            else if (value is not null && ReferenceEquals(value, field.Model))
            {
                return $"{property.Name}.{field.FieldName}";
            }
        }

        return null;
    }

    private static object? Step(object owner, string part)
    {
        var bracket = part.IndexOf('[', StringComparison.Ordinal);
        var name = bracket < 0 ? part : part[..bracket];
        var value = owner.GetType().GetProperty(name)?.GetValue(owner);
        if (bracket < 0 || value is not System.Collections.IList list)
        {
            return value;
        }

        var index = int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
        return index < list.Count ? list[index] : null;
    }

    private void Unsubscribe()
    {
        if (subscribed is not null)
        {
            subscribed.OnValidationRequested -= OnValidationRequested;
            subscribed.OnFieldChanged -= OnFieldChanged;
            subscribed = null;
        }
    }
}
