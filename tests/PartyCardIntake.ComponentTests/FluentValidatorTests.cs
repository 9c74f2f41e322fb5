using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace PartyCardIntake.ComponentTests;

/// <summary>FluentValidation's messages reach the fields of an EditForm, in nested lists too, and typed input stays.</summary>
public sealed class FluentValidatorTests : BunitContext
{
    public FluentValidatorTests() => Services.AddScoped<IValidator<WeekForm>, WeekFormValidator>();

    [Fact]
    public void A_wrong_day_gets_its_message_beside_that_day_and_every_value_typed_stays()
    {
        var form = new WeekForm { Name = "Trụ sở" };
        form.Days[0].Opens = "07:00";
        form.Days[1].Opens = "07:00";
        form.Days[2].Opens = "7h";
        var host = Render<WeekFormHost>(p => p.Add(h => h.Model, form));

        host.Find("form").Submit();

        host.Instance.Saved.Should().Be(0);
        host.Find("[data-day='2'] .validation-message").TextContent.Should().Be("Thứ Tư: giờ mở cửa chưa đúng.");
        host.FindAll("[data-day='0'] .validation-message").Should().BeEmpty();
        host.FindAll("[data-day='1'] .validation-message").Should().BeEmpty();
        host.Find("#opens-2").GetAttribute("value").Should().Be("7h");
        host.Find("#opens-0").GetAttribute("value").Should().Be("07:00");
    }

    [Fact]
    public void Fixing_the_day_clears_its_message_and_the_form_saves()
    {
        var form = new WeekForm { Name = "Trụ sở" };
        form.Days[0].Opens = "07:00";
        form.Days[1].Opens = "x";
        form.Days[2].Opens = "07:00";
        var host = Render<WeekFormHost>(p => p.Add(h => h.Model, form));
        host.Find("form").Submit();
        host.FindAll("[data-day='1'] .validation-message").Should().ContainSingle();

        host.Find("#opens-1").Change("08:30");

        host.FindAll("[data-day='1'] .validation-message").Should().BeEmpty("a changed field is validated again at once");
        host.Find("form").Submit();
        host.Instance.Saved.Should().Be(1);
    }

    [Fact]
    public void A_top_level_field_gets_its_message_too()
    {
        var form = new WeekForm();
        form.Days.ForEach(d => d.Opens = "07:00");
        var host = Render<WeekFormHost>(p => p.Add(h => h.Model, form));

        host.Find("form").Submit();

        host.Find(".validation-message").TextContent.Should().Be("Nhập tên.");
    }

    [Fact]
    public void A_rule_on_the_whole_list_is_answered_when_a_day_changes_and_the_days_messages_are_not_doubled()
    {
        var form = new WeekForm { Name = "Trụ sở" };
        var host = Render<WeekFormHost>(p => p.Add(h => h.Model, form));
        host.Find("form").Submit();
        host.Find(".week .validation-message").TextContent.Should().Be("Mở cửa ít nhất một ngày.");

        host.Find("#opens-2").Change("7h");
        host.FindAll(".week .validation-message").Should().BeEmpty("a day now has hours");
        host.FindAll("[data-day='2'] .validation-message").Should().ContainSingle().Which.TextContent.Should().Be("Thứ Tư: giờ mở cửa chưa đúng.");

        host.Find("#opens-0").Change("07:00");
        host.FindAll("[data-day='2'] .validation-message").Should().ContainSingle("the list's rule ran the items' rules again, and their old messages went first");
    }
}
