namespace PartyCardIntake.Web.Components;

/// <summary>
/// A page still rendered statically with Bootstrap and htmx, until its issue moves it onto MudBlazor
/// (decision 0013). Set in the feature folder's _Imports.razor with <see cref="Microsoft.AspNetCore.Components.ExcludeFromInteractiveRoutingAttribute"/>
/// and the legacy layout.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class LegacyPageAttribute : Attribute;
