namespace Minxin.Web.Tests;

/// <summary>A clock a test moves by hand (deadlines passing, days going by), given to the app as its TimeProvider; every node of a test may share one.</summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);

    public void Set(DateTimeOffset at) => Interlocked.Exchange(ref _ticks, at.UtcTicks);

    /// <summary>Moves the clock to 09:00 Beijing time on <paramref name="day"/>.</summary>
    public void SetChinaDate(DateOnly day) =>
        Interlocked.Exchange(ref _ticks, new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8)).UtcTicks);
}
