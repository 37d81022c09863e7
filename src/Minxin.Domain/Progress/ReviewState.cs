namespace Minxin.Domain.Progress;

/// <summary>Where a report is in review. Only approved reports are public.</summary>
public enum ReviewState
{
    Draft,
    Submitted,
    Approved,
    Returned,
}
