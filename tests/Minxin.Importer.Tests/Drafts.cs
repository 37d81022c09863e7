using System.Text;
using Minxin.Domain.ProgramFiles;

namespace Minxin.Importer.Tests;

/// <summary>Reads the genre texts of this project and looks things up in the drafts they give.</summary>
public static class Drafts
{
    public static string Text(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Texts", name), Encoding.UTF8);

    public static string TextPath(string name) => Path.Combine(AppContext.BaseDirectory, "Texts", name);

    public static ProgramFile Read(string name, ImportOptions? options = null) => TextImporter.Import(Text(name), options).Draft;

    public static IEnumerable<ItemFile> Items(this ProgramFile draft) => draft.Categories!.SelectMany(c => c.Items ?? []);

    public static ItemFile Item(this ProgramFile draft, string wordingStart) =>
        draft.Items().Single(i => i.Title!.StartsWith(wordingStart, StringComparison.Ordinal));

    public static ReportFile Report(this ItemFile item) => Assert.Single(item.Reports!);

    public static IndicatorFile Target(this ItemFile item, decimal target) => item.Indicators!.Single(i => i.Target == target);

    /// <summary>The value reported for the indicator with this target.</summary>
    public static ValueFile ValueOf(this ItemFile item, decimal target)
    {
        var key = item.Target(target).Key;
        return item.Report().Values!.Single(v => v.Indicator == key);
    }

    public static IEnumerable<(decimal Value, string Unit)> Figures(this ItemFile item) =>
        (item.Reports ?? []).SelectMany(r => r.Values ?? []).Select(v => (v.Value!.Value, item.Indicators!.Single(i => i.Key == v.Indicator).Unit!));

    public static bool IsValidDataFile(ProgramFile draft) => ProgramFileReader.Read("draft.json", ProgramFileWriter.Serialize(draft)).IsValid;

    public static IReadOnlyList<ProgramFileError> Errors(ProgramFile draft) => ProgramFileReader.Read("draft.json", ProgramFileWriter.Serialize(draft)).Errors;
}
