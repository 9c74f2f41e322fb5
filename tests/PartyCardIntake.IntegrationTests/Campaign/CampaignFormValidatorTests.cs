using PartyCardIntake.Web.Features.Campaign;

namespace PartyCardIntake.IntegrationTests.Campaign;

/// <summary>Every rule of the campaign form, with the Vietnamese message it puts beside its field.</summary>
public sealed class CampaignFormValidatorTests
{
    private static readonly CampaignFormValidator Validator = new();

    private static CampaignForm Form(DateTime? start, DateTime? deadline, DateTime? commune = null) => new()
    {
        Start = start,
        Deadline = deadline,
        Communes = [new CommuneTarget { Id = 1, Code = "04522", Name = "Phường Kỳ Sơn", Deadline = commune }, new CommuneTarget { Id = 2, Code = "04531", Name = "Xã Thanh Sơn" }],
    };

    private static DateTime D(int year, int month, int day) => new(year, month, day, 0, 0, 0, DateTimeKind.Unspecified);

    private static Dictionary<string, string> Errors(CampaignForm form) =>
        Validator.Validate(form).Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => string.Join(" | ", g.Select(e => e.ErrorMessage)));

    [Fact]
    public void A_window_with_commune_deadlines_inside_it_is_valid()
    {
        Errors(Form(D(2026, 8, 1), D(2026, 9, 30), D(2026, 9, 15))).Should().BeEmpty();
        Errors(Form(D(2026, 8, 1), D(2026, 9, 30), D(2026, 8, 1))).Should().BeEmpty("a commune may end on the first day");
        Errors(Form(D(2026, 8, 1), D(2026, 9, 30), D(2026, 9, 30))).Should().BeEmpty("or on the province's deadline");
    }

    [Fact]
    public void Both_dates_are_required()
    {
        var errors = Errors(Form(null, null));
        errors["Start"].Should().Be("Vui lòng nhập ngày bắt đầu.");
        errors["Deadline"].Should().Be("Vui lòng nhập hạn hoàn thành.");
    }

    [Theory]
    [InlineData(2026, 9, 30)]
    [InlineData(2026, 9, 29)]
    public void The_deadline_must_come_after_the_start(int year, int month, int day)
    {
        var errors = Errors(Form(D(2026, 9, 30), D(year, month, day)));
        errors.Should().ContainKey("Deadline").WhoseValue.Should().Be("Hạn hoàn thành phải sau ngày bắt đầu.");
        errors.Should().NotContainKey("Start");
    }

    [Fact]
    public void Dates_in_2099_or_in_year_one_are_refused()
    {
        var far = Errors(Form(D(2026, 8, 1), D(2099, 9, 30)));
        far["Deadline"].Should().Be("Ngày phải trong khoảng 01/01/2020 – 31/12/2040.");

        var zero = Errors(Form(DateTime.MinValue, D(2026, 9, 30)));
        zero["Start"].Should().Be("Ngày phải trong khoảng 01/01/2020 – 31/12/2040.");
        zero.Should().NotContainKey("Deadline", "a start that is itself wrong says nothing about the deadline");

        Errors(Form(D(2026, 8, 1), D(2026, 9, 30), D(2099, 9, 1)))["Communes[0].Deadline"].Should().Be("Ngày phải trong khoảng 01/01/2020 – 31/12/2040.");
        Errors(Form(D(2026, 8, 1), D(2026, 9, 30), new DateTime(1, 9, 1, 0, 0, 0, DateTimeKind.Unspecified)))["Communes[0].Deadline"].Should().Be("Ngày phải trong khoảng 01/01/2020 – 31/12/2040.");
    }

    [Fact]
    public void A_commune_deadline_before_the_campaign_start_says_so()
    {
        var errors = Errors(Form(D(2026, 8, 1), D(2026, 9, 30), D(2026, 7, 31)));
        errors.Should().ContainSingle();
        errors["Communes[0].Deadline"].Should().Be("Hạn của xã/phường không được trước ngày bắt đầu đợt (01/08/2026).");
    }

    [Fact]
    public void A_commune_deadline_after_the_provinces_says_so()
    {
        var errors = Errors(Form(D(2026, 8, 1), D(2026, 9, 30), D(2026, 10, 1)));
        errors.Should().ContainSingle();
        errors["Communes[0].Deadline"].Should().Be("Hạn của xã/phường không được muộn hơn hạn của tỉnh (30/09/2026).");
    }

    [Fact]
    public void An_empty_commune_deadline_follows_the_province()
    {
        Errors(Form(D(2026, 8, 1), D(2026, 9, 30))).Should().BeEmpty();
    }
}
