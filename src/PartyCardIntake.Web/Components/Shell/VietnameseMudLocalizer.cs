using System.Globalization;
using System.Resources;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace PartyCardIntake.Web.Components.Shell;

/// <summary>MudBlazor's own texts (pager, pickers, dialogs, grid filters) in Vietnamese, from Resources/MudTexts.resx.</summary>
internal sealed class VietnameseMudLocalizer : MudLocalizer
{
    private static readonly ResourceManager Texts = new("PartyCardIntake.Web.Resources.MudTexts", typeof(VietnameseMudLocalizer).Assembly);

    public override LocalizedString this[string key]
    {
        get
        {
            var text = Texts.GetString(key, CultureInfo.InvariantCulture);
            return new LocalizedString(key, text ?? key, resourceNotFound: text is null);
        }
    }

    public override LocalizedString this[string key, params object[] arguments]
    {
        get
        {
            var text = Texts.GetString(key, CultureInfo.InvariantCulture);
            return text is null
                ? new LocalizedString(key, key, resourceNotFound: true)
                : new LocalizedString(key, string.Format(CultureInfo.GetCultureInfo("vi-VN"), text, arguments));
        }
    }
}
