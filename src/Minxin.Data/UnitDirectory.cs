using Microsoft.EntityFrameworkCore;
using Minxin.Domain.Programs;

namespace Minxin.Data;

/// <summary>The units (责任单位) of a region: found by name or code, added when an import names a new one.</summary>
public static class UnitDirectory
{
    /// <summary>Codes made up for units an import adds; an admin may give them real codes later.</summary>
    public const string GeneratedCodePrefix = "u";

    /// <summary>
    /// Replaces the units named in <paramref name="items"/> (new objects read from a file, matched by name) with the
    /// region's own, adding those the directory does not have yet.
    /// </summary>
    public static async Task ResolveAsync(MinxinDbContext db, Region region, IEnumerable<Item> items, CancellationToken cancellationToken)
    {
        var links = items.SelectMany(i => i.Units).ToList();
        if (links.Count == 0)
        {
            return;
        }
        var known = region.Id == 0
            ? []
            : await db.Units.Where(u => u.RegionId == region.Id).ToListAsync(cancellationToken);
        var byName = known.ToDictionary(u => u.Name, StringComparer.Ordinal);
        var codes = known.Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
        var next = 1;
        foreach (var link in links)
        {
            if (!byName.TryGetValue(link.Unit.Name, out var unit))
            {
                while (!codes.Add($"{GeneratedCodePrefix}{next:000}"))
                {
                    next++;
                }
                unit = new ResponsibleUnit { Code = $"{GeneratedCodePrefix}{next:000}", Name = link.Unit.Name, Region = region };
                byName[unit.Name] = unit;
                db.Units.Add(unit);
            }
            link.Unit = unit;
        }
    }

    /// <summary>The first free made-up code of the region (u001, u002, …).</summary>
    public static async Task<string> NextCodeAsync(MinxinDbContext db, int regionId, CancellationToken cancellationToken = default)
    {
        var codes = (await db.Units.Where(u => u.RegionId == regionId).Select(u => u.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var next = 1;
        while (codes.Contains($"{GeneratedCodePrefix}{next:000}"))
        {
            next++;
        }
        return $"{GeneratedCodePrefix}{next:000}";
    }

    /// <summary>A unit of the region by its code or, failing that, its exact name.</summary>
    public static Task<ResponsibleUnit?> FindAsync(MinxinDbContext db, int regionId, string codeOrName, CancellationToken cancellationToken = default)
    {
        var key = codeOrName.Trim();
        return db.Units.Where(u => u.RegionId == regionId && (u.Code == key || u.Name == key))
            .OrderBy(u => u.Code == key ? 0 : 1).FirstOrDefaultAsync(cancellationToken);
    }
}
