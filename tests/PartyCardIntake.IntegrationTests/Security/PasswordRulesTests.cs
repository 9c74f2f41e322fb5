using System.Text;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.IntegrationTests.Security;

/// <summary>The common-password list and the rules around it, without a running application.</summary>
public sealed class PasswordRulesTests
{
    private static readonly CommonPasswords Lists = new();

    [Fact]
    public void The_embedded_lists_hold_the_zxcvbn_list_and_the_vietnamese_one()
    {
        Lists.Count.Should().BeGreaterThan(49_000);
        Lists.IsCommon("anhyeuem").Should().BeTrue("the Vietnamese list is loaded too");
        Lists.IsCommon("dragon").Should().BeTrue("the zxcvbn-ts list is loaded");
    }

    [Theory]
    [InlineData("password1234")]
    [InlineData("PASSWORD1234")]
    [InlineData("  password1234  ")]
    [InlineData("qwerty123456")]
    [InlineData("1q2w3e4r5t6y")]
    [InlineData("administrator")]
    [InlineData("password!!!!")]
    [InlineData("2025password")]
    [InlineData("!!sunshine2025")]
    [InlineData("p@ssw0rd2025")]
    [InlineData("passwordpassword")]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("abcabcabcabc")]
    [InlineData("123456789012")]
    [InlineData("987654321098")]
    [InlineData("abcdefghijklm")]
    [InlineData("123456789000")]
    [InlineData("matkhau12345")]
    [InlineData("Mật khẩu 2025!")]
    [InlineData("anhyeuem1234")]
    [InlineData("anh yeu em 1234")]
    [InlineData("Việt Nam 123456")]
    [InlineData("congan@2025!")]
    [InlineData("Đảng Cộng sản Việt Nam")]
    [InlineData("cấp đổi thẻ đảng viên")]
    [InlineData("partycardintake")]
    [InlineData("")]
    [InlineData("   ")]
    public void Common_passwords_are_refused_however_they_are_dressed(string password) =>
        Lists.IsCommon(password).Should().BeTrue();

    [Theory]
    [InlineData("mat-khau-demo-cho-kiem-thu")]
    [InlineData("trâu già gặm cỏ non 1975")]
    [InlineData("Xy7!pQ2#rT9$")]
    [InlineData("hoa sen nở giữa đầm lầy")]
    [InlineData("correct horse battery staple")]
    [InlineData("Kỳ Sơn mùa lúa chín 2025")]
    public void Long_uncommon_passwords_pass(string password) =>
        Lists.IsCommon(password).Should().BeFalse();

    [Fact]
    public void Decomposed_unicode_is_the_same_password_as_composed()
    {
        var decomposed = "Mật khẩu 2025!".Normalize(NormalizationForm.FormD);
        decomposed.Should().NotBe("Mật khẩu 2025!");

        Lists.IsCommon(decomposed).Should().BeTrue();
        CommonPasswords.Fold(decomposed).Should().Be(CommonPasswords.Fold("Mật khẩu 2025!")).And.Be("mat khau 2025!");
    }

    [Fact]
    public void A_list_of_ones_own_is_compared_the_same_way()
    {
        var list = new CommonPasswords(["Hồ Gươm"]);

        list.IsCommon("ho guom 2024").Should().BeTrue();
        list.IsCommon("HOGUOM!!!!!!").Should().BeTrue();
        list.IsCommon("hồ gươm xanh biếc").Should().BeFalse();
    }

    [Theory]
    [InlineData("nguyen.van.an", "", "nguyen.van.an-2025-xyz")]
    [InlineData("nguyen.van.an", "", "NguyenVanAn!1990abc")]
    [InlineData("canbo.7f3a", "", "toi-la-CANBO.7F3A-day")]
    [InlineData("ttbinh", "Trần Thị Bình", "tran thi binh o phu tho")]
    [InlineData("ttbinh", "Trần Thị Bình", "TRANTHIBINH@phutho")]
    public void A_password_with_the_users_own_name_is_refused(string userName, string displayName, string password) =>
        WeakPasswordValidator.ContainsName(password, new AppUser { UserName = userName, DisplayName = displayName }).Should().BeTrue();

    [Theory]
    [InlineData("an", "An", "an toàn là trên hết")]
    [InlineData("nguyen.van.an", "Nguyễn Văn An", "trâu già gặm cỏ non 1975")]
    public void A_password_without_the_users_name_passes(string userName, string displayName, string password) =>
        WeakPasswordValidator.ContainsName(password, new AppUser { UserName = userName, DisplayName = displayName }).Should().BeFalse();

    [Fact]
    public async Task The_validator_answers_in_vietnamese_with_one_error_per_rule()
    {
        var validator = new WeakPasswordValidator(Lists);
        var user = new AppUser { UserName = "password", DisplayName = "Thử" };

        var result = await validator.ValidateAsync(null!, user, "password1234");

        result.Succeeded.Should().BeFalse();
        result.Errors.Select(e => e.Code).Should().BeEquivalentTo([WeakPasswordValidator.CommonCode, WeakPasswordValidator.ContainsNameCode]);
        result.Errors.Select(e => e.Description).Should().Contain(d => d.Contains("quá phổ biến", StringComparison.Ordinal))
            .And.Contain(d => d.Contains("tên đăng nhập", StringComparison.Ordinal));
        (await validator.ValidateAsync(null!, user, "trâu già gặm cỏ non 1975")).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Checking_a_long_password_stays_cheap()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 1000; i++)
        {
            Lists.IsCommon(new string('x', 200) + i);
        }

        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2));
    }
}
