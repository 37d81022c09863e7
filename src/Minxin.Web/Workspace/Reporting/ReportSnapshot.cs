using Minxin.Domain;
using Minxin.Domain.Progress;
using Minxin.Domain.Quantities;

namespace Minxin.Web.Workspace.Reporting;

/// <summary>A report's fields as text, for the audit log's before and after.</summary>
public static class ReportSnapshot
{
    public static Dictionary<string, string?> Of(ProgressReport report)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["review"] = EnumCodes.ToCode(report.Review),
            ["status"] = EnumCodes.ToCode(report.Status),
            ["narrative"] = report.Narrative,
            ["expectedCompletion"] = report.ExpectedCompletion?.ToString(),
            ["expectedCompletionReason"] = report.ExpectedCompletionReason,
            ["reviewNote"] = report.ReviewNote,
        };
        foreach (var value in report.Values)
        {
            fields[$"values.{value.Indicator.Key}"] = $"{ChineseNumbers.Plain(value.Value)} {EnumCodes.ToCode(value.Qualifier)} {value.Period}";
        }
        foreach (var update in report.SiteUpdates)
        {
            fields[$"sites.{update.Site.Key}"] = $"{EnumCodes.ToCode(update.Phase)} {update.ExpectedCompletion} {update.Note}".TrimEnd();
        }
        return fields;
    }
}
