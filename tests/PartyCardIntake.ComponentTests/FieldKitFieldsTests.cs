using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using PartyCardIntake.Web.Features.FieldKits;
using PartyCardIntake.Web.Features.HomeVisits;

namespace PartyCardIntake.ComponentTests;

/// <summary>The kit form of /home-visits/kits: bad dates get their Vietnamese message beside the date, and nothing is made.</summary>
public sealed class FieldKitFieldsTests : BunitContext, IAsyncLifetime
{
    private static readonly FieldKitLimits Limits = new(new DateOnly(2026, 12, 7), new DateOnly(2026, 12, 28), 14);
    private int made;

    public FieldKitFieldsTests()
    {
        Services.AddMudServices();
        Services.AddScoped<IValidator<FieldKitForm>, FieldKitFormValidator>();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services dispose only asynchronously; the synchronous Dispose after this finds nothing left.
    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    private IRenderedComponent<FieldKitFields> Render(FieldKitForm form, Func<FieldKitForm, Task<FieldKitResult>>? make = null)
    {
        return Render<FieldKitFields>(p => p
            .Add(f => f.Model, form)
            .Add(f => f.Officers, [new OfficerChoice("officer", "Cán bộ A")])
            .Add(f => f.Stations, [new StationChoice(1, 1, "Tổ lưu động", "Máy lưu động", true)])
            .Add(f => f.OnMake, make ?? (_ =>
            {
                made++;
                return Task.FromResult(new FieldKitResult(null, "made"));
            })));
    }

    private static string Beside(IRenderedComponent<FieldKitFields> host, string inputId) =>
        host.Find($"#{inputId}").Closest(".mud-input-control")!.TextContent;

    [Fact]
    public void A_start_before_today_and_an_end_before_the_start_are_refused_beside_their_dates()
    {
        var form = new FieldKitForm { OfficerId = "officer", DeviceId = 1, From = new DateTime(2026, 12, 6), To = new DateTime(2026, 12, 5), Limits = Limits };
        var host = Render(form);

        host.Find("form").Submit();

        made.Should().Be(0);
        Beside(host, "fk-from").Should().Contain("Ngày bắt đầu không được trước hôm nay.");
        Beside(host, "fk-to").Should().Contain("Ngày kết thúc phải từ ngày bắt đầu trở đi.");
        Beside(host, "fk-officer").Should().NotContain("Chưa chọn");
    }

    [Fact]
    public void A_range_too_long_or_past_the_deadline_is_refused_beside_the_end()
    {
        var form = new FieldKitForm { OfficerId = "officer", DeviceId = 1, From = new DateTime(2026, 12, 7), To = new DateTime(2026, 12, 21), Limits = Limits };
        var host = Render(form);
        host.Find("form").Submit();
        Beside(host, "fk-to").Should().Contain("tối đa 14 ngày");

        form.From = new DateTime(2026, 12, 27);
        form.To = new DateTime(2026, 12, 29);
        host.Find("form").Submit();
        Beside(host, "fk-to").Should().Contain("sau hạn hoàn thành").And.Contain("28/12/2026");
        made.Should().Be(0);
    }

    [Fact]
    public void A_refusal_of_the_service_lands_beside_its_field_and_the_dates_stay()
    {
        var form = new FieldKitForm { OfficerId = "officer", DeviceId = 1, From = new DateTime(2026, 12, 8), To = new DateTime(2026, 12, 9), Limits = Limits };
        var host = Render(form, _ => Task.FromResult(FieldKitResult.Invalid(nameof(FieldKitForm.OfficerId), "Cán bộ được chọn không thuộc Công an xã/phường này.")));

        host.Find("form").Submit();

        Beside(host, "fk-officer").Should().Contain("không thuộc Công an");
        host.Find("#fk-from").GetAttribute("value").Should().Be("08/12/2026");
        host.Find("#fk-to").GetAttribute("value").Should().Be("09/12/2026");
    }
}
