using System.Globalization;
using System.Reflection;
using Minxin.Domain.Quantities;

namespace Minxin.Domain.Calendar;

/// <summary>What a date is in the official calendar: an ordinary day, a public holiday or an adjusted workday.</summary>
public enum CalendarDayKind
{
    /// <summary>Not named in the calendar: Monday–Friday work, Saturday and Sunday off.</summary>
    Ordinary,

    /// <summary>放假: a day off, whatever the weekday.</summary>
    Holiday,

    /// <summary>调休上班: a Saturday or Sunday worked instead of a weekday of a holiday.</summary>
    Workday,
}

/// <summary>A date the calendar names, with the holiday it belongs to (春节, 国庆节调休).</summary>
public sealed record CalendarDay(DateOnly Date, CalendarDayKind Kind, string Name);

/// <summary>A calendar file that cannot be read: which file, which line, what is wrong.</summary>
public sealed class CalendarFileException(string file, int line, string problem)
    : FormatException($"{file}:{line}: {problem}")
{
    public string File { get; } = file;

    public int Line { get; } = line;

    public string Problem { get; } = problem;
}

/// <summary>
/// China's working-day calendar (工作日历): the State Council's yearly notice of public holidays and of the weekend
/// days worked in exchange (调休), one file per year. A year without a file falls back to Monday–Friday;
/// <see cref="Covers"/> says which years are known, so a caller can warn before trusting a date in an unknown year.
/// <para>
/// The file format, one statement a line (see <c>cn-2025.txt</c>):
/// <code>
///   # a comment; blank lines are ignored
///   year 2025                    once, before any date: the year this file covers
///   2025-01-28 holiday 春节       a day off
///   2025-01-26 workday 春节调休    a Saturday or Sunday worked
/// </code>
/// The name after the kind is free text. A workday must be a Saturday or Sunday (anything else is a typo: a weekday
/// is worked anyway); every date must fall in the file's year and appear once.
/// </para>
/// </summary>
public sealed class WorkingCalendar
{
    private const string ResourcePrefix = "Minxin.Domain.Calendar.";

    private static readonly Lazy<WorkingCalendar> BundledCalendar = new(() => Load(BundledFiles()));

    private readonly Dictionary<DateOnly, CalendarDay> days;
    private readonly SortedSet<int> years;

    private WorkingCalendar(Dictionary<DateOnly, CalendarDay> days, SortedSet<int> years)
    {
        this.days = days;
        this.years = years;
    }

    /// <summary>The calendars shipped with the domain (2025, 2026).</summary>
    public static WorkingCalendar Bundled => BundledCalendar.Value;

    /// <summary>A calendar that knows no holidays: Monday–Friday everywhere.</summary>
    public static WorkingCalendar MondayToFriday { get; } = new([], []);

    /// <summary>The years a calendar file was loaded for, in order.</summary>
    public IReadOnlyCollection<int> Years => years;

    /// <summary>
    /// The bundled files as (name, text), e.g. to load them together with a deployment's own:
    /// <c>Load(BundledFiles().Concat(FilesIn(folder)))</c>.
    /// </summary>
    public static IReadOnlyList<(string Name, string Text)> BundledFiles()
    {
        var assembly = typeof(WorkingCalendar).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".txt", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (n[ResourcePrefix.Length..], ReadResource(assembly, n)))
            .ToList();
    }

    /// <summary>The <c>*.txt</c> files of a folder given at run time, as (file name, text), in name order.</summary>
    public static IReadOnlyList<(string Name, string Text)> FilesIn(string folder) =>
        Directory.EnumerateFiles(folder, "*.txt")
            .Order(StringComparer.Ordinal)
            .Select(path => (Path.GetFileName(path), File.ReadAllText(path)))
            .ToList();

    /// <summary>
    /// A calendar from files, one year each. Throws <see cref="CalendarFileException"/> naming the file and line of
    /// the first bad statement, or of a year loaded twice (two files would silently disagree otherwise).
    /// </summary>
    public static WorkingCalendar Load(IEnumerable<(string name, string text)> files)
    {
        var days = new Dictionary<DateOnly, CalendarDay>();
        var years = new SortedSet<int>();
        var fileOfYear = new Dictionary<int, string>();
        foreach (var (name, text) in files)
        {
            var (year, yearLine, fileDays) = Parse(name, text);
            if (fileOfYear.TryGetValue(year, out var earlier))
            {
                throw new CalendarFileException(name, yearLine, $"{year} 年已由 {earlier} 给出，每年只能有一个日历文件");
            }
            fileOfYear[year] = name;
            years.Add(year);
            foreach (var day in fileDays)
            {
                days[day.Date] = day;
            }
        }
        return new WorkingCalendar(days, years);
    }

    /// <summary>Whether a calendar file was loaded for <paramref name="year"/>; if not, that year is Monday–Friday.</summary>
    public bool Covers(int year) => years.Contains(year);

    /// <summary>The holiday or adjusted workday on <paramref name="date"/>, or null for an ordinary day.</summary>
    public CalendarDay? Describe(DateOnly date) => days.GetValueOrDefault(date);

    /// <summary>Holidays are off, adjusted workdays on; otherwise Monday–Friday.</summary>
    public bool IsWorkingDay(DateOnly date) => days.TryGetValue(date, out var day)
        ? day.Kind == CalendarDayKind.Workday
        : date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>
    /// The <paramref name="workingDays"/>-th working day after <paramref name="start"/> (before it when negative);
    /// <paramref name="start"/> itself never counts, working or not, and 0 returns it unchanged.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly start, int workingDays)
    {
        var step = Math.Sign(workingDays);
        var date = start;
        for (var left = Math.Abs(workingDays); left > 0;)
        {
            date = date.AddDays(step);
            if (IsWorkingDay(date))
            {
                left--;
            }
        }
        return date;
    }

    /// <summary>The date <paramref name="workingDays"/> working days before <paramref name="due"/>: 2 before 2025-10-09 is 2025-09-29.</summary>
    public DateOnly WorkingDaysBefore(DateOnly due, int workingDays) => AddWorkingDays(due, -workingDays);

    private static (int Year, int YearLine, List<CalendarDay> Days) Parse(string file, string text)
    {
        int? year = null;
        var yearLine = 0;
        var fileDays = new List<CalendarDay>();
        var seen = new Dictionary<DateOnly, int>();
        // A byte-order mark is not whitespace to Trim, so a file saved by Notepad would fail on its first line.
        var lines = text.TrimStart('\uFEFF').Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var lineNumber = index + 1;
            var content = StripComment(lines[index]).Trim();
            if (content.Length == 0)
            {
                continue;
            }
            var parts = content.Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
            CalendarFileException Bad(string problem) => new(file, lineNumber, problem);

            if (parts[0] == "year")
            {
                if (year is not null)
                {
                    throw Bad($"年份已在第 {yearLine} 行给出");
                }
                if (parts.Length != 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y is < 2000 or > 2100)
                {
                    throw Bad($"应为“year 2025”，读到“{content}”");
                }
                year = y;
                yearLine = lineNumber;
                continue;
            }
            if (!IsoDate.TryParse(parts[0], out var date))
            {
                throw Bad($"应以日期（YYYY-MM-DD）或“year”开头，读到“{parts[0]}”");
            }
            if (year is null)
            {
                throw Bad("日期之前须先用“year YYYY”写明本文件的年份");
            }
            if (date.Year != year)
            {
                throw Bad($"{parts[0]} 不在本文件的年份 {year} 内");
            }
            if (parts.Length < 3)
            {
                throw Bad($"应为“{parts[0]} holiday 名称”或“{parts[0]} workday 名称”");
            }
            var kind = parts[1] switch
            {
                "holiday" => CalendarDayKind.Holiday,
                "workday" => CalendarDayKind.Workday,
                _ => throw Bad($"类型应为 holiday（放假）或 workday（调休上班），读到“{parts[1]}”"),
            };
            if (kind == CalendarDayKind.Workday && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                // A weekday is worked anyway, so a workday on one is almost surely a mistyped date.
                throw Bad($"{parts[0]} 是{WeekdayName(date.DayOfWeek)}，调休上班日只能是周六或周日");
            }
            if (seen.TryGetValue(date, out var firstLine))
            {
                throw Bad($"{parts[0]} 已在第 {firstLine} 行给出");
            }
            seen[date] = lineNumber;
            fileDays.Add(new CalendarDay(date, kind, parts[2].Trim()));
        }
        if (year is null)
        {
            // Line 1: where the year belongs.
            throw new CalendarFileException(file, 1, "文件中没有“year YYYY”一行");
        }
        return (year.Value, yearLine, fileDays);
    }

    private static string StripComment(string line)
    {
        var hash = line.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? line : line[..hash];
    }

    private static string WeekdayName(DayOfWeek day) => "周" + "日一二三四五六"[(int)day];

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
