using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Minxin.Web.Platform;

/// <summary>
/// A cache bounded by bytes, not entries, for anything a request can make the server keep: past its budget the least
/// recently used entries go. A hit is a dictionary lookup and at most one write of a timestamp, without a lock;
/// adding, growing and removing take one.
/// </summary>
public sealed class LruCache<TValue>(long capacityBytes) where TValue : class
{
    /// <summary>What an entry costs beside its key and value: the dictionary node and the slot.</summary>
    private const int EntryOverhead = 96;

    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _bytes;

    private sealed class Slot(TValue value, long bytes)
    {
        public TValue Value { get; } = value;

        public long Bytes { get; set; } = bytes;

        /// <summary>Milliseconds; written only when it moved, so readers on every core do not fight over the line.</summary>
        public long LastUsed { get; private set; } = Environment.TickCount64;

        public void Touch()
        {
            var now = Environment.TickCount64;
            if (LastUsed != now)
            {
                LastUsed = now;
            }
        }
    }

    public bool TryGet(string key, [MaybeNullWhen(false)] out TValue value)
    {
        if (_slots.TryGetValue(key, out var slot))
        {
            slot.Touch();
            value = slot.Value;
            return true;
        }
        value = null;
        return false;
    }

    /// <summary>
    /// Keeps <paramref name="value"/>, which holds <paramref name="bytes"/> bytes besides its key. Anything over an
    /// eighth of the budget is not kept (false): one entry never flushes the rest.
    /// </summary>
    public bool Set(string key, TValue value, long bytes)
    {
        var size = bytes + (2L * key.Length) + EntryOverhead;
        if (size > capacityBytes / 8)
        {
            return false;
        }
        lock (_gate)
        {
            if (_slots.TryGetValue(key, out var old))
            {
                _bytes -= old.Bytes;
            }
            _slots[key] = new Slot(value, size);
            _bytes += size;
            Trim();
        }
        return true;
    }

    /// <summary>The entry <paramref name="value"/> under <paramref name="key"/>, if still kept, now holds more bytes.</summary>
    public void Grow(string key, TValue value, long bytes)
    {
        lock (_gate)
        {
            if (_slots.TryGetValue(key, out var slot) && ReferenceEquals(slot.Value, value))
            {
                slot.Bytes += bytes;
                _bytes += bytes;
                Trim();
            }
        }
    }

    public void RemoveWhere(Func<TValue, bool> predicate)
    {
        lock (_gate)
        {
            foreach (var entry in _slots)
            {
                if (predicate(entry.Value.Value) && _slots.TryRemove(entry))
                {
                    _bytes -= entry.Value.Bytes;
                }
            }
        }
    }

    /// <summary>Over budget, the least recently used go until an eighth is free, so trimming is rare.</summary>
    private void Trim()
    {
        if (_bytes <= capacityBytes)
        {
            return;
        }
        var entries = _slots.ToArray();
        var lastUsed = Array.ConvertAll(entries, e => e.Value.LastUsed);
        Array.Sort(lastUsed, entries);
        var target = capacityBytes - (capacityBytes / 8);
        foreach (var entry in entries)
        {
            if (_bytes <= target)
            {
                break;
            }
            if (_slots.TryRemove(entry))
            {
                _bytes -= entry.Value.Bytes;
            }
        }
    }
}
