using Minxin.Domain.ProgramFiles;
using Minxin.Importer.Drafts;
using Minxin.Importer.Reading;
using Minxin.Importer.Text;

namespace Minxin.Importer;

/// <summary>
/// Reads a published plan, progress report or year-end report (成绩单) into a draft program: the data file a person
/// reviews, corrects and saves. Every value carries the span of the source it came from and a confidence; what the
/// reader is unsure of becomes a question. Any text gives a result: a partial text yields the part it has.
/// </summary>
public static class TextImporter
{
    public static ImportResult Import(string text, ImportOptions? options = null)
    {
        options ??= new ImportOptions();
        var source = new SourceText(text);
        var evidence = new Evidence();
        var layout = LayoutReader.Read(source);
        var program = new ProgramReader(source, evidence, options).Read(layout);
        return new ImportResult(new DraftWriter(evidence, options).Write(program));
    }

    /// <summary>The draft as JSON, in the data-file format.</summary>
    public static byte[] Serialize(ImportResult result) => ProgramFileWriter.Serialize(result.Draft);
}
