using Minxin.Domain.Progress;

namespace Minxin.Web.Workspace.Review;

/// <summary>A comparison as a page shows it: in the queue only what changed, on the review page every figure.</summary>
public sealed record ComparisonView(ReportComparison Comparison, bool Full);
