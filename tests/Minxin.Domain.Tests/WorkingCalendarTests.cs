using Minxin.Domain.Calendar;

namespace Minxin.Domain.Tests;

public class WorkingCalendarTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Bundled;

    private static readonly int[] RoundTripSteps = [1, 2, 5, 20];

    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Bundled_calendar_covers_2025_and_2026_only()
    {
        Assert.Equal([2025, 2026], Calendar.Years);
        Assert.True(Calendar.Covers(2025));
        Assert.True(Calendar.Covers(2026));
        Assert.False(Calendar.Covers(2024));
        Assert.False(Calendar.Covers(2027));
    }

    [Theory]
    // 2025: the adjusted workdays are Saturdays and Sundays that are worked.
    [InlineData("2025-01-26")]
    [InlineData("2025-02-08")]
    [InlineData("2025-04-27")]
    [InlineData("2025-09-28")]
    [InlineData("2025-10-11")]
    // 2026
    [InlineData("2026-01-04")]
    [InlineData("2026-02-14")]
    [InlineData("2026-02-28")]
    [InlineData("2026-05-09")]
    [InlineData("2026-09-20")]
    [InlineData("2026-10-10")]
    public void Adjusted_weekend_days_are_working_days(string date)
    {
        Assert.True(D(date).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
        Assert.True(Calendar.IsWorkingDay(D(date)));
        Assert.Equal(CalendarDayKind.Workday, Calendar.Describe(D(date))!.Kind);
    }

    [Theory]
    [InlineData("2025-01-01")]
    [InlineData("2025-01-28")]
    [InlineData("2025-02-04")]
    [InlineData("2025-04-04")]
    [InlineData("2025-05-05")]
    [InlineData("2025-06-02")]
    [InlineData("2025-10-01")]
    [InlineData("2025-10-06")]
    [InlineData("2025-10-08")]
    [InlineData("2026-01-02")]
    [InlineData("2026-02-16")]
    [InlineData("2026-02-23")]
    [InlineData("2026-04-06")]
    [InlineData("2026-05-04")]
    [InlineData("2026-06-19")]
    [InlineData("2026-09-25")]
    [InlineData("2026-10-07")]
    public void Holidays_on_weekdays_are_off(string date)
    {
        Assert.True(D(date).DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));
        Assert.False(Calendar.IsWorkingDay(D(date)));
    }

    [Fact]
    public void National_Day_2025_is_off_from_October_1_to_8()
    {
        for (var date = D("2025-10-01"); date <= D("2025-10-08"); date = date.AddDays(1))
        {
            Assert.False(Calendar.IsWorkingDay(date), date.ToString());
        }
        Assert.True(Calendar.IsWorkingDay(D("2025-09-30")));
        Assert.True(Calendar.IsWorkingDay(D("2025-10-09")));
        Assert.Equal("中秋节", Calendar.Describe(D("2025-10-06"))!.Name);
    }

    [Fact]
    public void Spring_Festival_2026_is_off_from_February_15_to_23()
    {
        for (var date = D("2026-02-15"); date <= D("2026-02-23"); date = date.AddDays(1))
        {
            Assert.False(Calendar.IsWorkingDay(date), date.ToString());
        }
        Assert.True(Calendar.IsWorkingDay(D("2026-02-24")));
    }

    [Theory]
    [InlineData("2025-01-04")] // an ordinary Saturday
    [InlineData("2025-02-09")] // the Sunday after the adjusted Saturday
    [InlineData("2026-01-03")] // a holiday on a Saturday
    public void Ordinary_and_holiday_weekends_are_off(string date) => Assert.False(Calendar.IsWorkingDay(D(date)));

    [Fact]
    public void Ordinary_weekdays_are_working_days_and_not_described()
    {
        Assert.True(Calendar.IsWorkingDay(D("2025-07-15")));
        Assert.Null(Calendar.Describe(D("2025-07-15")));
    }

    [Theory]
    // 2025 and 2026 each have 248 working days (365 − 104 weekend days − the weekday holidays + the worked weekend days).
    [InlineData(2025, 248)]
    [InlineData(2026, 248)]
    public void Each_year_has_the_official_number_of_working_days(int year, int expected)
    {
        var count = 0;
        for (var date = new DateOnly(year, 1, 1); date.Year == year; date = date.AddDays(1))
        {
            count += Calendar.IsWorkingDay(date) ? 1 : 0;
        }
        Assert.Equal(expected, count);
    }

    [Theory]
    // Across National Day 2025: 10-09 ← 09-30 (1) ← 09-29 (2) ← 09-28, the working Sunday (3).
    [InlineData("2025-10-09", 1, "2025-09-30")]
    [InlineData("2025-10-09", 2, "2025-09-29")]
    [InlineData("2025-10-09", 3, "2025-09-28")]
    [InlineData("2025-10-09", 4, "2025-09-26")]
    // Across the Spring Festival 2025: 02-05 ← 01-27 (1) ← 01-26, the working Sunday (2).
    [InlineData("2025-02-05", 1, "2025-01-27")]
    [InlineData("2025-02-05", 2, "2025-01-26")]
    // Across Labour Day 2025.
    [InlineData("2025-05-06", 2, "2025-04-29")]
    // An ordinary week: Tuesday ← Monday ← Friday.
    [InlineData("2025-08-05", 2, "2025-08-01")]
    // A due date on a Sunday counts back from Friday.
    [InlineData("2025-07-06", 2, "2025-07-03")]
    // 2026: across National Day, and across New Year 2026 into December 2025.
    [InlineData("2026-10-08", 2, "2026-09-29")]
    [InlineData("2026-01-05", 1, "2026-01-04")]
    [InlineData("2026-01-05", 2, "2025-12-31")]
    public void Working_days_before_a_due_date(string due, int days, string expected) =>
        Assert.Equal(D(expected), Calendar.WorkingDaysBefore(D(due), days));

    [Theory]
    [InlineData("2025-09-30", 1, "2025-10-09")]
    [InlineData("2025-09-30", 3, "2025-10-11")] // Thursday, Friday, then the working Saturday
    [InlineData("2025-09-27", 1, "2025-09-28")] // Saturday → the working Sunday
    [InlineData("2025-01-27", 1, "2025-02-05")]
    [InlineData("2026-02-13", 1, "2026-02-14")]
    [InlineData("2026-02-13", 2, "2026-02-24")]
    [InlineData("2026-04-30", 1, "2026-05-06")]
    [InlineData("2026-10-09", 1, "2026-10-10")]
    [InlineData("2025-10-01", 0, "2025-10-01")] // zero returns the start, even a holiday
    [InlineData("2025-10-09", -2, "2025-09-29")]
    public void Adding_working_days(string start, int days, string expected) =>
        Assert.Equal(D(expected), Calendar.AddWorkingDays(D(start), days));

    [Fact]
    public void Going_back_and_forth_returns_to_the_same_working_day()
    {
        for (var date = D("2025-01-01"); date <= D("2026-12-31"); date = date.AddDays(1))
        {
            if (!Calendar.IsWorkingDay(date))
            {
                continue;
            }
            foreach (var n in RoundTripSteps)
            {
                Assert.Equal(date, Calendar.AddWorkingDays(Calendar.WorkingDaysBefore(date, n), n));
            }
        }
    }

    [Fact]
    public void Years_without_a_file_fall_back_to_Monday_to_Friday()
    {
        Assert.True(Calendar.IsWorkingDay(D("2027-10-01"))); // a Friday: no 2027 notice is loaded
        Assert.False(Calendar.IsWorkingDay(D("2027-10-02")));
        Assert.True(Calendar.IsWorkingDay(D("2024-10-01")));
        Assert.Equal(D("2027-01-01"), Calendar.AddWorkingDays(D("2026-12-31"), 1));
        Assert.Equal(D("2025-07-14"), WorkingCalendar.MondayToFriday.AddWorkingDays(D("2025-07-11"), 1));
        Assert.True(WorkingCalendar.MondayToFriday.IsWorkingDay(D("2025-10-01")));
    }

    [Fact]
    public void More_years_load_from_a_folder_beside_the_bundled_ones()
    {
        var folder = Directory.CreateTempSubdirectory("minxin-calendar-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "cn-2027.txt"), "# test\nyear 2027\n2027-10-01 holiday 国庆节\n2027-09-26 workday 国庆节调休\n");
            var calendar = WorkingCalendar.Load(WorkingCalendar.BundledFiles().Concat(WorkingCalendar.FilesIn(folder.FullName)));
            Assert.Equal([2025, 2026, 2027], calendar.Years);
            Assert.False(calendar.IsWorkingDay(D("2027-10-01")));
            Assert.True(calendar.IsWorkingDay(D("2027-09-26")));
            Assert.True(calendar.IsWorkingDay(D("2025-09-28")));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Comments_blank_lines_crlf_and_a_byte_order_mark_are_accepted()
    {
        var calendar = WorkingCalendar.Load([("cn-2027.txt", "\uFEFF# 2027\r\n\r\nyear 2027   # the year\r\n2027-01-01  holiday  元旦 # 一天\r\n")]);
        Assert.True(calendar.Covers(2027));
        Assert.Equal(new CalendarDay(D("2027-01-01"), CalendarDayKind.Holiday, "元旦"), calendar.Describe(D("2027-01-01")));
    }

    [Fact]
    public void A_file_with_only_a_year_covers_it_as_Monday_to_Friday()
    {
        var calendar = WorkingCalendar.Load([("cn-2030.txt", "year 2030\n")]);
        Assert.True(calendar.Covers(2030));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2030, 1, 1)));
    }

    [Theory]
    [InlineData("year 2027\n2027-01-01 holiday 元旦\n2027-13-01 holiday 元旦\n", 3, "YYYY-MM-DD")]
    [InlineData("year 2027\n2027-01-01 vacation 元旦\n", 2, "holiday")]
    [InlineData("year 2027\n2027-01-01 holiday\n", 2, "holiday 名称")]
    [InlineData("year 2027\n\n2027-01-04 workday 调休\n", 3, "周一")] // 2027-01-04 is a Monday
    [InlineData("year 2027\n2027-01-01 holiday 元旦\n# again\n2027-01-01 holiday 元旦\n", 4, "第 2 行")]
    [InlineData("year 2027\n2026-12-31 holiday 元旦\n", 2, "2027")]
    [InlineData("# no year\n2027-01-01 holiday 元旦\n", 2, "year YYYY")]
    [InlineData("year 27\n", 1, "year 2025")]
    [InlineData("year 2027\nyear 2028\n", 2, "第 1 行")]
    [InlineData("# only a comment\n", 1, "year YYYY")]
    public void A_bad_line_is_reported_with_its_file_and_line(string text, int line, string hint)
    {
        var error = Assert.Throws<CalendarFileException>(() => WorkingCalendar.Load([("cn-2027.txt", text)]));
        Assert.Equal("cn-2027.txt", error.File);
        Assert.Equal(line, error.Line);
        Assert.StartsWith($"cn-2027.txt:{line}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(hint, error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_year_in_two_files_is_refused_naming_both()
    {
        var error = Assert.Throws<CalendarFileException>(() =>
            WorkingCalendar.Load([("a.txt", "year 2027\n"), ("b.txt", "# b\nyear 2027\n")]));
        Assert.Equal(("b.txt", 2), (error.File, error.Line));
        Assert.Contains("a.txt", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Bundled_files_are_named_by_year()
    {
        Assert.Equal(["cn-2025.txt", "cn-2026.txt"], WorkingCalendar.BundledFiles().Select(f => f.Name));
    }
}
