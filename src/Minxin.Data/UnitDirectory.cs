using Microsoft.EntityFrameworkCore;
using Minxin.Domain.ProgramFiles;
using Minxin.Domain.Programs;

namespace Minxin.Data;

/// <summary>How many items a unit leads (牵头) and co-operates on (配合).</summary>
public sealed record UnitUse(int Leads, int Cooperates)
{
    public bool Any => Leads + Cooperates > 0;
}

/// <summary>
/// The units (责任单位) of a region: found by name or code, added when an import names a new one, and kept by the
/// region's admin in the workspace or with `minxin units` (the same rules for both: unique names and codes, no parent
/// cycles, every change audited).
/// </summary>
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

    /// <summary>Adds a unit to the region's directory; without a code it gets the next made-up one (u001, …).</summary>
    public static async Task<ResponsibleUnit> AddAsync(MinxinDbContext db, Region region, string name, string? code, string? parent, AuditAuthor by,
        CancellationToken cancellationToken = default)
    {
        var unit = new ResponsibleUnit { RegionId = region.Id, Code = "", Name = "" };
        var errors = await CheckAsync(db, region, unit, name, code, parent, cancellationToken);
        if (errors.Count > 0)
        {
            throw new InputException(errors);
        }
        unit.Code = code is { Length: > 0 } ? code.Trim() : await NextCodeAsync(db, region.Id, cancellationToken);
        db.Units.Add(unit);
        by.Record(db, "unit.created", $"unit:{unit.Code}", $"新建单位 {unit.Name}（代码 {unit.Code}）", region.Id, after: Snapshot(unit));
        await db.SaveChangesAsync(cancellationToken);
        return unit;
    }

    /// <summary>
    /// Renames a unit, changes its code or its parent. Items name their units on public pages, so the programs that
    /// use a renamed unit move to a new data version with it; their codes come back for the caller to evict.
    /// </summary>
    public static async Task<IReadOnlyList<string>> UpdateAsync(MinxinDbContext db, Region region, ResponsibleUnit unit, string name, string? code, string? parent,
        AuditAuthor by, CancellationToken cancellationToken = default)
    {
        var before = Snapshot(unit);
        var errors = await CheckAsync(db, region, unit, name, code is { Length: > 0 } ? code : unit.Code, parent, cancellationToken);
        if (errors.Count > 0)
        {
            throw new InputException(errors);
        }
        var after = Snapshot(unit);
        if (before.SequenceEqual(after))
        {
            return [];
        }
        var programs = before["name"] == after["name"]
            ? []
            : await db.Programs.Where(p => p.Categories.Any(c => c.Items.Any(i => i.Units.Any(u => u.UnitId == unit.Id)))).ToListAsync(cancellationToken);
        by.Record(db, "unit.updated", $"unit:{unit.Code}", $"修改单位 {unit.Name}（代码 {unit.Code}）", region.Id, before, after);
        await db.SaveWithNewDataVersionAsync(programs.Select(p => p.Id), cancellationToken);
        return programs.Where(p => p.IsPublished).Select(p => p.Code).ToList();
    }

    /// <summary>How many items each unit of the region leads and co-operates on, by unit id.</summary>
    public static async Task<Dictionary<int, UnitUse>> UseAsync(MinxinDbContext db, int regionId, CancellationToken cancellationToken = default)
    {
        var links = await db.ItemUnits.Where(u => u.Unit.RegionId == regionId)
            .GroupBy(u => new { u.UnitId, u.Role }).Select(g => new { g.Key.UnitId, g.Key.Role, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return links.GroupBy(l => l.UnitId).ToDictionary(g => g.Key, g => new UnitUse(
            g.Where(l => l.Role == UnitRole.Lead).Sum(l => l.Count), g.Where(l => l.Role == UnitRole.Cooperating).Sum(l => l.Count)));
    }

    public static Dictionary<string, string?> Snapshot(ResponsibleUnit unit) => new(StringComparer.Ordinal)
    {
        ["code"] = unit.Code,
        ["name"] = unit.Name,
        ["parent"] = unit.Parent?.Name,
    };

    /// <summary>Sets name, code and parent on <paramref name="unit"/> where they are valid; returns what is not.</summary>
    private static async Task<List<(string, string)>> CheckAsync(MinxinDbContext db, Region region, ResponsibleUnit unit, string name, string? code,
        string? parent, CancellationToken cancellationToken)
    {
        var errors = new List<(string, string)>();
        name = name.Trim();
        code = code?.Trim();
        if (name.Length is 0 or > FieldLimits.Name || name.Any(char.IsControl))
        {
            errors.Add(("name", $"单位名称不能为空，最多 {FieldLimits.Name} 个字符，且不能含控制字符。"));
        }
        else if (await db.Units.AnyAsync(u => u.RegionId == region.Id && u.Id != unit.Id && u.Name == name, cancellationToken))
        {
            errors.Add(("name", $"{region.Name}的单位名录中已有名为“{name}”的单位。"));
        }
        else
        {
            unit.Name = name;
        }
        if (code is { Length: > 0 })
        {
            if (code.Length > FieldLimits.Code || !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                errors.Add(("code", $"单位代码“{code}”无效：只能用英文字母、数字和 - _ .，最多 {FieldLimits.Code} 个字符。"));
            }
            else if (await db.Units.AnyAsync(u => u.RegionId == region.Id && u.Id != unit.Id && u.Code == code, cancellationToken))
            {
                errors.Add(("code", $"{region.Name}的单位名录中已有代码为“{code}”的单位。"));
            }
            else
            {
                unit.Code = code;
            }
        }
        if (string.IsNullOrWhiteSpace(parent))
        {
            unit.Parent = null;
            unit.ParentId = null;
            return errors;
        }
        var found = await FindAsync(db, region.Id, parent, cancellationToken);
        if (found is null)
        {
            errors.Add(("parent", $"上级单位“{parent.Trim()}”不在{region.Name}的单位名录中。"));
        }
        else if (unit.Id != 0 && await IsWithinAsync(db, found, unit.Id, cancellationToken))
        {
            errors.Add(("parent", $"“{found.Name}”是“{unit.Name}”本身或它的下级单位，不能作它的上级。"));
        }
        else
        {
            unit.Parent = found;
            unit.ParentId = found.Id;
        }
        return errors;
    }

    /// <summary>Whether <paramref name="unit"/> is the unit <paramref name="ancestorId"/> or below it.</summary>
    private static async Task<bool> IsWithinAsync(MinxinDbContext db, ResponsibleUnit unit, int ancestorId, CancellationToken cancellationToken)
    {
        var parents = await db.Units.Where(u => u.RegionId == unit.RegionId).ToDictionaryAsync(u => u.Id, u => u.ParentId, cancellationToken);
        var seen = new HashSet<int>();
        for (int? at = unit.Id; at is { } id && seen.Add(id); at = parents.GetValueOrDefault(id))
        {
            if (id == ancestorId)
            {
                return true;
            }
        }
        return false;
    }
}
