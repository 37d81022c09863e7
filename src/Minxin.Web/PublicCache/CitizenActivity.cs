namespace Minxin.Web.PublicCache;

/// <summary>
/// How much citizens have sent to each program (messages, help requests, objections, ratings), as this node last
/// counted it. A reader's message or rating does not evict anything by itself: a flood of them must never keep the
/// cached pages from being served. Instead <see cref="DataChangeWatcher"/> counts once every
/// <see cref="Platform.MinxinOptions.CitizenActivitySeconds"/>, and only a program whose count moved has its pages
/// rendered again: the public counters lag by at most that long, and the card is re-rendered at most that often.
/// What staff do (a reply published, a window opened) moves the program's data version and shows at once.
/// Public caches of citizens' data key their entries by <see cref="Stamp"/>, so a moved stamp is a miss.
/// </summary>
public sealed class CitizenActivity
{
    private Dictionary<int, long> _stamps = [];

    public long Stamp(int programId) => _stamps.GetValueOrDefault(programId);

    /// <summary>Records the current stamps and returns the programs whose stamp moved.</summary>
    public IReadOnlyList<int> Update(Dictionary<int, long> current)
    {
        var previous = _stamps;
        _stamps = current;
        return current.Where(p => previous.GetValueOrDefault(p.Key) != p.Value).Select(p => p.Key).ToList();
    }
}
