namespace PartyCardIntake.UnitTests.Media;

/// <summary>Fixture files made by Media/Fixtures/make-fixtures.sh and copied next to the tests.</summary>
internal static class Fixture
{
    public static byte[] Bytes(string name) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Media", "Fixtures", name));

    public static string Text(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Media", "Fixtures", name));
}
