using PartyCardIntake.Core.Identity;
using PartyCardIntake.Web.Features.Users;

namespace PartyCardIntake.IntegrationTests.Users;

/// <summary>Every rule of the user form, with the Vietnamese message it puts beside its field.</summary>
public sealed class UserFormValidatorTests
{
    private static readonly UserFormValidator Validator = new();

    private static Dictionary<string, string> Errors(UserForm form) =>
        Validator.Validate(form).Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => string.Join(" | ", g.Select(e => e.ErrorMessage)));

    private static UserForm Officer(string? userName = "nguyen.van.a", string? displayName = "Nguyễn Văn A") =>
        new() { IsNew = true, UserName = userName, DisplayName = displayName, Role = AppRoles.IntakeOfficer, CommuneId = 7 };

    [Fact]
    public void A_complete_form_is_valid()
    {
        Errors(Officer()).Should().BeEmpty();
        Errors(new UserForm { IsNew = true, UserName = "pc06_lanh-dao", DisplayName = "Lãnh đạo", Role = AppRoles.ProvinceViewer }).Should().BeEmpty();
    }

    [Theory]
    [InlineData("nguyễn.văn.a")]
    [InlineData("nguyen van a")]
    [InlineData("ab")]
    [InlineData("a@b.vn")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijx")]
    [InlineData("nguyen\u0301")]
    public void A_user_name_outside_the_rules_is_refused(string? userName)
    {
        Errors(Officer(userName))["UserName"].Should().StartWith("Tên đăng nhập chỉ gồm chữ cái không dấu");
    }

    [Fact]
    public void The_user_name_is_not_checked_when_editing_since_it_never_changes()
    {
        Errors(new UserForm { IsNew = false, UserName = null, DisplayName = "A", Role = AppRoles.IntakeOfficer, CommuneId = 3 }).Should().BeEmpty();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_display_name_is_required(string? displayName)
    {
        Errors(Officer(displayName: displayName))["DisplayName"].Should().Be("Vui lòng nhập tên hiển thị.");
    }

    [Fact]
    public void A_display_name_of_more_than_200_characters_is_refused()
    {
        Errors(Officer(displayName: new string('a', 200))).Should().BeEmpty();
        Errors(Officer(displayName: new string('a', 201)))["DisplayName"].Should().Be("Tên hiển thị không được dài quá 200 ký tự.");
        Errors(Officer(displayName: "  " + new string('a', 200) + "  ")).Should().BeEmpty("spaces around the name are not counted");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Superuser")]
    [InlineData("admin")]
    public void An_unknown_role_is_refused(string? role)
    {
        var errors = Errors(new UserForm { IsNew = true, UserName = "thu.moi", DisplayName = "A", Role = role, CommuneId = 3 });
        errors["Role"].Should().Be("Vui lòng chọn vai trò.");
        errors.Should().NotContainKey("CommuneId", "nothing can be said of the commune before the role is known");
    }

    [Theory]
    [InlineData(AppRoles.IntakeOfficer)]
    [InlineData(AppRoles.StationLead)]
    [InlineData(AppRoles.WardCommittee)]
    public void A_commune_role_needs_a_commune(string role)
    {
        Errors(new UserForm { IsNew = true, UserName = "thu.moi", DisplayName = "A", Role = role })["CommuneId"]
            .Should().Be("Vai trò này thuộc một xã/phường: vui lòng chọn xã/phường.");
    }

    [Theory]
    [InlineData(AppRoles.Admin)]
    [InlineData(AppRoles.ProvinceViewer)]
    public void A_province_role_has_no_commune(string role)
    {
        Errors(new UserForm { IsNew = true, UserName = "thu.moi", DisplayName = "A", Role = role, CommuneId = 3 })["CommuneId"]
            .Should().Be("Vai trò cấp tỉnh không gắn với xã/phường: vui lòng để trống ô xã/phường.");
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("<script>alert(1)</script>")]
    public void A_display_name_needs_letters_and_no_markup(string displayName) =>
        Errors(Officer(displayName: displayName))["DisplayName"].Should().Be("Tên phải có chữ cái và không chứa ký tự < hoặc >.");
}
