namespace PartyCardIntake.Core.Demo;

/// <summary>Name parts with rough frequencies for the midland provinces (Kinh and Mường families).</summary>
internal static class DemoNames
{
    public static readonly (string Name, int Weight)[] Surnames =
    [
        ("Nguyễn", 310), ("Trần", 110), ("Lê", 90), ("Phạm", 70), ("Hoàng", 50), ("Phan", 40), ("Vũ", 40),
        ("Đặng", 20), ("Bùi", 25), ("Đỗ", 20), ("Hồ", 15), ("Ngô", 13), ("Dương", 10), ("Lý", 5),
        ("Đinh", 25), ("Hà", 20), ("Quách", 8), ("Bạch", 4), ("Đào", 10), ("Cao", 10), ("Lương", 8),
        ("Trịnh", 8), ("Tạ", 5), ("Kiều", 6), ("Xa", 3), ("Triệu", 4), ("Nông", 3), ("Khổng", 2),
    ];

    public static readonly string[] MaleMiddle =
        ["Văn", "Văn", "Văn", "Văn", "Đức", "Hữu", "Minh", "Quang", "Xuân", "Công", "Thế", "Ngọc", "Đình", "Mạnh", "Tiến", "Trọng", "Anh", "Bá", "Duy"];

    public static readonly string[] FemaleMiddle =
        ["Thị", "Thị", "Thị", "Thị", "Thị", "Thu", "Thanh", "Ngọc", "Kim", "Minh", "Hồng", "Phương", "Thúy", "Bích", "Diệu"];

    public static readonly string[] MaleGiven =
    [
        "Hùng", "Dũng", "Tuấn", "Minh", "Hải", "Nam", "Sơn", "Thắng", "Cường", "Bình", "Long", "Quân", "Hòa",
        "Thành", "Trung", "Việt", "Đức", "Hưng", "Toàn", "Khánh", "Lâm", "Phúc", "Tùng", "Lợi", "Tài", "Chiến",
        "Thịnh", "Quý", "Bảo", "Huy", "Kiên", "Định", "Vinh", "Lộc", "Tân", "Giang", "Hiếu", "Nghĩa", "Khoa", "Ước",
    ];

    public static readonly string[] FemaleGiven =
    [
        "Lan", "Hương", "Hoa", "Mai", "Hằng", "Thủy", "Nga", "Linh", "Trang", "Huyền", "Hạnh", "Yến", "Dung",
        "Loan", "Thảo", "Liên", "Phương", "Oanh", "Nhung", "Hiền", "Vân", "Ngọc", "Tâm", "Xuân", "Thu", "Hà",
        "Quyên", "Nhàn", "Lý", "Đào", "Ánh", "Ưng", "Gấm", "Lựu",
    ];

    public static readonly string[] ResidentialCellKinds = ["Khu dân cư", "Tổ dân phố", "Xóm"];

    public static readonly string[] InstitutionCells =
    [
        "Chi bộ Công an", "Chi bộ Quân sự", "Chi bộ Trạm Y tế", "Chi bộ Trường Mầm non", "Chi bộ Trường Tiểu học",
        "Chi bộ Trường THCS", "Chi bộ Cơ quan Đảng - Đoàn thể", "Chi bộ Cơ quan Chính quyền", "Chi bộ Hợp tác xã Nông nghiệp",
        "Chi bộ Bưu điện", "Chi bộ Điện lực", "Chi bộ Ngân hàng Chính sách xã hội", "Chi bộ Trường THPT", "Chi bộ Công ty Cổ phần Xi măng",
    ];
}
