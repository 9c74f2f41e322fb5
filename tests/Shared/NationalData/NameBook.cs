using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Text;

namespace PartyCardIntake.Tests.Shared.NationalData;

/// <summary>
/// Vietnamese names with their folded search and sort forms worked out once, so that millions of members
/// cost an array lookup each rather than a Unicode normalisation.
/// </summary>
internal sealed class NameBook
{
    private static readonly string[] Families = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"];
    private static readonly string[] MaleMiddles = ["Văn", "Hữu", "Đức", "Minh", "Quang", "Công", "Thanh", "Xuân"];
    private static readonly string[] FemaleMiddles = ["Thị", "Thu", "Ngọc", "Thanh", "Kim", "Mai", "Hồng", "Bích"];
    private static readonly string[] MaleGivens = ["An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hùng", "Khánh", "Long", "Minh", "Nam", "Phong", "Quân", "Sơn", "Tài", "Thắng", "Trung", "Tuấn", "Việt", "Vinh"];
    private static readonly string[] FemaleGivens = ["Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Loan", "Mai", "Nga", "Ngọc", "Nhung", "Phương", "Thảo", "Trang", "Vân", "Yến"];

    private readonly Entry[] _male = Build(MaleMiddles, MaleGivens);
    private readonly Entry[] _female = Build(FemaleMiddles, FemaleGivens);

    public Entry Pick(Sex sex, Random random)
    {
        var entries = sex == Sex.Female ? _female : _male;
        return entries[random.Next(entries.Length)];
    }

    private static Entry[] Build(string[] middles, string[] givens) =>
        (from family in Families
         from middle in middles
         from given in givens
         let full = VietnameseText.Normalize($"{family} {middle} {given}")
         select new Entry(full, VietnameseText.Fold(full), VietnameseText.SortKey(full))).ToArray();

    public sealed record Entry(string FullName, string SearchName, string SortKey);
}
