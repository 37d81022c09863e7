using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Text.Json;
using System.Text.Json.Serialization;
using Minxin.Domain.Oversight;
using Minxin.Domain.ProgramFiles;
using Minxin.Domain.Programs;
using Minxin.Domain.Quantities;
using Minxin.Domain.ReportCards;

namespace Minxin.Domain.Editions;

/// <summary>
/// 成绩单: an edition of a program as the public saw it on a date, published once and never changed. It keeps its
/// own frozen copy of the program (<see cref="Snapshot"/>, the data-file format with the approved reports dated up to
/// <see cref="AsOf"/>), so later reports, corrections and plan edits never reach it. A correction approved after it
/// was published shows on it as a 更正 note (<see cref="EditionCorrections"/>), never as a changed figure.
/// </summary>
public partial class Edition
{
    public const int MaxTitleLength = 100;
    public const int MaxSlugLength = 60;

    public int Id { get; set; }

    public int ProgramId { get; set; }

    /// <summary>Unique within the program; the edition's address: /programs/{program}/editions/{slug}.</summary>
    public required string Slug { get; set; }

    /// <summary>"2025年上半年成绩单".</summary>
    public required string Title { get; set; }

    public DateOnly AsOf { get; set; }

    /// <summary>The date printed on the edition (发布日期).</summary>
    public DateOnly PublishedOn { get; set; }

    /// <summary>When it was published in Minxin.</summary>
    public DateTimeOffset PublishedAt { get; set; }

    public required string PublishedBy { get; set; }

    public int? PublishedByUserId { get; set; }

    /// <summary>The frozen program: canonical data-file JSON (UTF-8) of the public program with its reports up to <see cref="AsOf"/>.</summary>
    public required string Snapshot { get; set; }

    /// <summary>SHA-256 of <see cref="Snapshot"/>'s UTF-8 bytes, hex: anyone can check the copy was never touched.</summary>
    public required string SnapshotSha256 { get; set; }

    /// <summary>
    /// The last day of its 公示期 (China time), when it was published with one: until then readers may object to an
    /// item's figures. Set once, at publication, like everything else of an edition.
    /// </summary>
    public DateOnly? ObjectionsUntil { get; set; }

    /// <summary>The light rule in force when it was published, as JSON; null when the default rule was in force.</summary>
    public string? LightRule { get; set; }

    /// <summary>The lights a coordinator had overridden when it was published, as JSON; null when none.</summary>
    public string? LightOverrides { get; set; }

    /// <summary>What is wrong with an edition about to be published, as (field, message); empty when it may be published.</summary>
    public static IReadOnlyList<(string Field, string Message)> Check(LivelihoodProgram program, string? title, string? slug, DateOnly asOf,
        DateOnly publishedOn, IEnumerable<Edition> existing)
    {
        var problems = new List<(string, string)>();
        var others = existing.ToList();
        if (!program.IsPublished)
        {
            problems.Add(("programId", $"“{program.Title}”尚未公开，不能发布成绩单；请先公开民心工程。"));
        }
        if (string.IsNullOrWhiteSpace(title))
        {
            problems.Add(("title", "请填写成绩单标题，如“2025年上半年成绩单”"));
        }
        else if (title.Trim().Length > MaxTitleLength || title.Any(char.IsControl))
        {
            problems.Add(("title", $"标题最多 {MaxTitleLength} 个字符，且不能含控制字符"));
        }
        if (string.IsNullOrWhiteSpace(slug) || slug.Length > MaxSlugLength || !SlugPattern().IsMatch(slug))
        {
            problems.Add(("slug", $"网址标识“{slug}”无效：只能用小写字母、数字和连字符，最多 {MaxSlugLength} 个字符，如 2025-h1"));
        }
        else if (others.Any(e => e.Slug == slug))
        {
            problems.Add(("slug", $"网址标识“{slug}”已被另一期成绩单使用"));
        }
        if (asOf < program.FirstDay || asOf > program.LastDay.AddYears(1))
        {
            problems.Add(("asOf", $"数据截止日期 {IsoDate.Format(asOf)} 不在 {program.Year} 年度计划的时间范围内"));
        }
        else if (others.Count > 0 && asOf <= others.Max(e => e.AsOf))
        {
            var latest = others.MaxBy(e => e.AsOf)!;
            problems.Add(("asOf", $"数据截止日期须晚于上一期“{latest.Title}”的 {IsoDate.Format(latest.AsOf)}"));
        }
        if (publishedOn < asOf)
        {
            problems.Add(("publishedOn", $"发布日期 {IsoDate.Format(publishedOn)} 早于数据截止日期 {IsoDate.Format(asOf)}"));
        }
        return problems;
    }

    /// <summary>The frozen copy of <paramref name="publicProgram"/> (approved reports only) as of <paramref name="asOf"/>.</summary>
    public static string Freeze(LivelihoodProgram publicProgram, DateOnly asOf)
    {
        var file = ProgramFileWriter.ToFile(publicProgram);
        var cutoff = IsoDate.Format(asOf);
        foreach (var item in (file.Categories ?? []).SelectMany(c => c.Items ?? []))
        {
            // ISO dates order as strings.
            var kept = item.Reports?.Where(r => string.CompareOrdinal(r.AsOf, cutoff) <= 0).ToList();
            item.Reports = kept is { Count: > 0 } ? kept : null;
        }
        return Encoding.UTF8.GetString(ProgramFileWriter.Serialize(file));
    }

    public static string Sha256(string snapshot) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(snapshot)));

    /// <summary>The frozen program, read back; it is what the edition shows.</summary>
    public LivelihoodProgram ThawProgram() =>
        ProgramFileReader.Read($"edition-{Slug}.json", Encoding.UTF8.GetBytes(Snapshot)).ProgramOrThrow();

    /// <summary>The edition's card: the frozen program as of <see cref="AsOf"/>.</summary>
    public ReportCard ThawCard() => ReportCardCalculator.Compute(ThawProgram(), AsOf);

    private static readonly JsonSerializerOptions LightJson = new() { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };

    /// <summary>Keeps the light rule in force and the overrides that held at publication, so the edition's lights never move.</summary>
    public void FreezeLights(ReportCard publicCard)
    {
        var live = Lights.Live(publicCard);
        LightRule = JsonSerializer.Serialize(live.Rule, LightJson);
        var overrides = live.ByCode.Where(l => l.Value.Override is not null).ToDictionary(l => l.Key, l => l.Value.Override!);
        LightOverrides = overrides.Count == 0 ? null : JsonSerializer.Serialize(overrides, LightJson);
    }

    /// <summary>The edition's lights: its frozen card lit by the rule and overrides kept at publication.</summary>
    public CardLights ThawLights(ReportCard frozenCard)
    {
        var rule = LightRule is null ? Oversight.LightRule.Default : JsonSerializer.Deserialize<Oversight.LightRule>(LightRule, LightJson)!;
        var overrides = LightOverrides is null ? [] : JsonSerializer.Deserialize<Dictionary<string, LightOverride>>(LightOverrides, LightJson)!;
        return new CardLights(rule, Lights.ByCode(frozenCard, rule, i => overrides.GetValueOrDefault(i.Item.Code)));
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();
}
