namespace PartyCardIntake.Infrastructure.Media;

internal static class ByteRanges
{
    /// <summary>Copies the kept parts of <paramref name="data"/> into one new array, in order.</summary>
    public static byte[] Concat(ReadOnlySpan<byte> data, List<Range> parts)
    {
        var size = 0;
        foreach (var part in parts)
        {
            size += part.GetOffsetAndLength(data.Length).Length;
        }

        var output = new byte[size];
        var at = 0;
        foreach (var part in parts)
        {
            var bytes = data[part];
            bytes.CopyTo(output.AsSpan(at));
            at += bytes.Length;
        }

        return output;
    }
}
