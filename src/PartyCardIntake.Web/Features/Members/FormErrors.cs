using System.Linq.Expressions;
using Microsoft.AspNetCore.Components.Forms;

namespace PartyCardIntake.Web.Features.Members;

/// <summary>
/// A form's EditContext with a second message store for what only the service can answer (the ID number's
/// digits disagree with the new date of birth, the member already has an application): the message shows
/// beside its field like the validator's, and goes once the field changes. The shared FluentValidator clears
/// only its own store, so this one lives beside it.
/// </summary>
public sealed class FormErrors<TModel>
    where TModel : class, new()
{
    private readonly ValidationMessageStore store;

    public FormErrors(TModel? model = null)
    {
        Model = model ?? new TModel();
        Context = new EditContext(Model);
        store = new ValidationMessageStore(Context);
        Context.OnFieldChanged += (_, e) => store.Clear(e.FieldIdentifier);
        Context.OnValidationRequested += (_, _) => store.Clear();
    }

    public TModel Model { get; }

    public EditContext Context { get; }

    public void Show<TField>(Expression<Func<TField>> field, string message)
    {
        store.Add(FieldIdentifier.Create(field), message);
        Context.NotifyValidationStateChanged();
    }
}
