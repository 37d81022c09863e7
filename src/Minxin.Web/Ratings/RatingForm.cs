using Microsoft.AspNetCore.Mvc.ModelBinding;
using Minxin.Domain.Ratings;

namespace Minxin.Web.Ratings;

/// <summary>
/// What the rating form shows: on the (cached, shared) item page without any reader's input or errors, and on the
/// rating page again with the reader's choice, comment and the errors named per field.
/// </summary>
public sealed record RatingForm(string ItemId, string ItemTitle, RatingWindow Window, string? Choice = null, string? Comment = null,
    ModelStateDictionary? Errors = null)
{
    public const string ChoiceField = "choice";
    public const string CommentField = "comment";

    /// <summary>The form's codes and their words, in the order the form lists them.</summary>
    public static readonly IReadOnlyList<(string Code, RatingChoice Choice)> Choices =
    [
        ("satisfied", RatingChoice.Satisfied),
        ("basicallySatisfied", RatingChoice.BasicallySatisfied),
        ("dissatisfied", RatingChoice.Dissatisfied),
    ];

    public static bool TryParse(string? code, out RatingChoice choice)
    {
        foreach (var (c, value) in Choices)
        {
            if (string.Equals(code, c, StringComparison.Ordinal))
            {
                choice = value;
                return true;
            }
        }
        choice = default;
        return false;
    }

    /// <summary>The id of a choice's radio button; the first one is what the error summary links to.</summary>
    public static string ChoiceId(string code) => "rating-choice-" + code;

    public static string FieldId(string field) => field == ChoiceField ? ChoiceId(Choices[0].Code) : "rating-" + field;

    public static string ErrorId(string field) => "rating-" + field + "-error";

    public string? ErrorOf(string field) =>
        Errors is not null && Errors.TryGetValue(field, out var entry) && entry.Errors.Count > 0 ? string.Join("；", entry.Errors.Select(e => e.ErrorMessage)) : null;

    public string? Invalid(string field) => ErrorOf(field) is null ? null : "true";

    public string DescribedBy(string field, string hintId) => ErrorOf(field) is null ? hintId : $"{hintId} {ErrorId(field)}";
}
