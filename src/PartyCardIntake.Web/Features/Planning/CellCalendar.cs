using System.Globalization;
using System.Text;

namespace PartyCardIntake.Web.Features.Planning;

/// <summary>
/// An iCalendar file (RFC 5545) with a cell's slots, for the cell's secretary to put in a phone's
/// calendar. Times are Vietnam time with an explicit zone, lines folded at 75 octets.
/// </summary>
public static class CellCalendar
{
    public static string Build(string cellName, IEnumerable<SlotRow> slots, DateTime stampUtc)
    {
        ArgumentNullException.ThrowIfNull(slots);
        var text = new StringBuilder();
        void Line(string value)
        {
            // Fold by UTF-8 length: a Vietnamese letter can take three octets.
            var bytes = Encoding.UTF8.GetBytes(value);
            var start = 0;
            var first = true;
            while (start < bytes.Length)
            {
                var take = Math.Min(first ? 75 : 74, bytes.Length - start);
                while (take > 0 && start + take < bytes.Length && (bytes[start + take] & 0xC0) == 0x80)
                {
                    take--;
                }

                text.Append(first ? string.Empty : " ").Append(Encoding.UTF8.GetString(bytes, start, take)).Append("\r\n");
                start += take;
                first = false;
            }
        }

        Line("BEGIN:VCALENDAR");
        Line("VERSION:2.0");
        Line("PRODID:-//PartyCardIntake//Lich tiep nhan//VI");
        Line("CALSCALE:GREGORIAN");
        Line("BEGIN:VTIMEZONE");
        Line("TZID:Asia/Ho_Chi_Minh");
        Line("BEGIN:STANDARD");
        Line("DTSTART:19700101T000000");
        Line("TZOFFSETFROM:+0700");
        Line("TZOFFSETTO:+0700");
        Line("TZNAME:ICT");
        Line("END:STANDARD");
        Line("END:VTIMEZONE");
        foreach (var slot in slots)
        {
            Line("BEGIN:VEVENT");
            Line($"UID:slot-{slot.Id.ToString(CultureInfo.InvariantCulture)}@partycardintake");
            Line($"DTSTAMP:{stampUtc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}");
            Line($"DTSTART;TZID=Asia/Ho_Chi_Minh:{slot.Start.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture)}");
            Line($"DTEND;TZID=Asia/Ho_Chi_Minh:{slot.End.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture)}");
            Line($"SUMMARY:{Escape($"Cấp đổi thẻ đảng viên — {cellName} ({slot.Members} đảng viên)")}");
            Line($"LOCATION:{Escape(slot.Site)}");
            Line($"DESCRIPTION:{Escape("Mang theo thẻ đảng cũ và thẻ căn cước. Đến đúng giờ để không phải chờ.")}");
            Line("END:VEVENT");
        }

        Line("END:VCALENDAR");
        return text.ToString();
    }

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal)
            .Replace(",", "\\,", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
