using System.Globalization;
using PartyCardIntake.Core.Text;

namespace PartyCardIntake.Core.Registry;

/// <summary>A piece of a value; <see cref="Differs"/> when the other side does not have it.</summary>
public sealed record DiffSegment(string Text, bool Differs);

/// <summary>
/// Where two values of a field differ, down to the letter, so that an officer sees "Bình" / "Bính" at a
/// glance instead of reading both names letter by letter.
/// </summary>
/// <remarks>
/// Units are text elements, so that a letter with its tone and vowel marks is one unit whatever its Unicode
/// form. Words are aligned first and only words that changed are compared letter by letter: aligning
/// letters alone would match a stray "n" of an inserted middle name and scatter the marks. Case does not
/// count, as in <see cref="RegistryComparer"/> ("NGUYỄN VĂN AN" is the same name).
/// </remarks>
public sealed record CharacterDiff(IReadOnlyList<DiffSegment> Left, IReadOnlyList<DiffSegment> Right)
{
    // Larger inputs are not names, dates or addresses; they are marked whole rather than compared.
    private const int MaxCells = 250_000;

    public bool HasDifferences => Left.Any(s => s.Differs) || Right.Any(s => s.Differs);

    /// <summary>Compares the two values after NFC and whitespace normalisation; the segments spell the normalised values.</summary>
    public static CharacterDiff Compute(string? left, string? right)
    {
        var leftTokens = Tokens(Elements(VietnameseText.Normalize(left)));
        var rightTokens = Tokens(Elements(VietnameseText.Normalize(right)));
        var leftOut = new SegmentBuilder();
        var rightOut = new SegmentBuilder();
        var leftRun = new List<string>();
        var rightRun = new List<string>();

        var script = Align(leftTokens.Select(t => t.Key).ToList(), rightTokens.Select(t => t.Key).ToList());
        for (var k = 0; k < script.Count; k++)
        {
            var (op, i, j) = script[k];
            switch (op)
            {
                case Op.Delete:
                    leftRun.AddRange(leftTokens[i].Elements);
                    break;
                case Op.Insert:
                    rightRun.AddRange(rightTokens[j].Elements);
                    break;

                // A lone space or comma between two changes joins them, so "Phú Thọ" / "Hòa Bình" is one
                // mark on each side rather than two.
                case Op.Keep when leftTokens[i].IsSeparator && leftRun.Count + rightRun.Count > 0
                    && k + 1 < script.Count && script[k + 1].Op != Op.Keep:
                    leftRun.AddRange(leftTokens[i].Elements);
                    rightRun.AddRange(rightTokens[j].Elements);
                    break;
                default:
                    FlushRun(leftRun, rightRun, leftOut, rightOut);
                    leftOut.Add(leftTokens[i].Text, false);
                    rightOut.Add(rightTokens[j].Text, false);
                    break;
            }
        }

        FlushRun(leftRun, rightRun, leftOut, rightOut);
        return new CharacterDiff(leftOut.Segments, rightOut.Segments);
    }

    /// <summary>A changed stretch between agreeing words: letter by letter when the two are alike, otherwise whole.</summary>
    private static void FlushRun(List<string> left, List<string> right, SegmentBuilder leftOut, SegmentBuilder rightOut)
    {
        if (left.Count == 0 || right.Count == 0 || (long)left.Count * right.Count > MaxCells)
        {
            leftOut.Add(string.Concat(left), true);
            rightOut.Add(string.Concat(right), true);
            left.Clear();
            right.Clear();
            return;
        }

        var script = Align(left.Select(CaseKey).ToList(), right.Select(CaseKey).ToList());
        var common = script.Count(s => s.Op == Op.Keep);

        // Fewer than half the letters in common: a different word, and marks on every other letter would
        // hide that rather than show it.
        if (common * 2 < Math.Max(left.Count, right.Count))
        {
            leftOut.Add(string.Concat(left), true);
            rightOut.Add(string.Concat(right), true);
        }
        else
        {
            foreach (var (op, i, j) in script)
            {
                switch (op)
                {
                    case Op.Delete:
                        leftOut.Add(left[i], true);
                        break;
                    case Op.Insert:
                        rightOut.Add(right[j], true);
                        break;
                    default:
                        leftOut.Add(left[i], false);
                        rightOut.Add(right[j], false);
                        break;
                }
            }
        }

        left.Clear();
        right.Clear();
    }

    private enum Op
    {
        Keep,
        Delete,
        Insert,
    }

    /// <summary>Longest common subsequence; ties keep the left side's unit first, so a change reads "removed, then added".</summary>
    private static List<(Op Op, int I, int J)> Align(List<string> a, List<string> b)
    {
        if ((long)a.Count * b.Count > MaxCells)
        {
            return [.. Enumerable.Range(0, a.Count).Select(i => (Op.Delete, i, -1)), .. Enumerable.Range(0, b.Count).Select(j => (Op.Insert, -1, j))];
        }

        // Suffix table: lengths[i, j] is the LCS of a[i..] and b[j..], so the walk below goes forwards.
        var lengths = new int[a.Count + 1, b.Count + 1];
        for (var i = a.Count - 1; i >= 0; i--)
        {
            for (var j = b.Count - 1; j >= 0; j--)
            {
                lengths[i, j] = string.Equals(a[i], b[j], StringComparison.Ordinal)
                    ? lengths[i + 1, j + 1] + 1
                    : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
            }
        }

        var script = new List<(Op, int, int)>(a.Count + b.Count);
        int x = 0, y = 0;
        while (x < a.Count || y < b.Count)
        {
            if (x < a.Count && y < b.Count && string.Equals(a[x], b[y], StringComparison.Ordinal))
            {
                script.Add((Op.Keep, x++, y++));
            }
            else if (y == b.Count || (x < a.Count && lengths[x + 1, y] >= lengths[x, y + 1]))
            {
                script.Add((Op.Delete, x++, -1));
            }
            else
            {
                script.Add((Op.Insert, -1, y++));
            }
        }

        return script;
    }

    private static List<string> Elements(string value)
    {
        var elements = new List<string>(value.Length);
        var enumerator = StringInfo.GetTextElementEnumerator(value);
        while (enumerator.MoveNext())
        {
            elements.Add(enumerator.GetTextElement());
        }

        return elements;
    }

    private sealed record Token(IReadOnlyList<string> Elements, string Text, string Key)
    {
        public bool IsSeparator => !char.IsLetterOrDigit(Text, 0);
    }

    /// <summary>Words (runs of letters and digits) and single separators: "22/11/1932" is "22", "/", "11", "/", "1932".</summary>
    private static List<Token> Tokens(List<string> elements)
    {
        var tokens = new List<Token>();
        var word = new List<string>();
        foreach (var element in elements)
        {
            if (char.IsLetterOrDigit(element, 0))
            {
                word.Add(element);
                continue;
            }

            AddWord();
            tokens.Add(NewToken([element]));
        }

        AddWord();
        return tokens;

        void AddWord()
        {
            if (word.Count > 0)
            {
                tokens.Add(NewToken([.. word]));
                word.Clear();
            }
        }
    }

    private static Token NewToken(List<string> elements)
    {
        var text = string.Concat(elements);
        return new Token(elements, text, CaseKey(text));
    }

    private static string CaseKey(string text) => text.ToLowerInvariant();

    private sealed class SegmentBuilder
    {
        public List<DiffSegment> Segments { get; } = [];

        public void Add(string text, bool differs)
        {
            if (text.Length == 0)
            {
                return;
            }

            // A space at the edge of a changed stretch is not what changed; marking it only widens the mark.
            if (differs && text.Trim(' ') is { Length: > 0 } core && core.Length < text.Length)
            {
                var lead = text.Length - text.TrimStart(' ').Length;
                Append(text[..lead], false);
                Append(core, true);
                Append(text[(lead + core.Length)..], false);
                return;
            }

            Append(text, differs);
        }

        private void Append(string text, bool differs)
        {
            if (text.Length == 0)
            {
                return;
            }

            if (Segments.Count > 0 && Segments[^1].Differs == differs)
            {
                Segments[^1] = Segments[^1] with { Text = Segments[^1].Text + text };
                return;
            }

            Segments.Add(new DiffSegment(text, differs));
        }
    }
}
