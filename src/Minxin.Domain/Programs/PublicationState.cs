namespace Minxin.Domain.Programs;

/// <summary>
/// Whether the public may see a program. A program made from a text, an upload or the workspace starts as a draft,
/// invisible on every public page, feed, search and API until a coordinator publishes it.
/// </summary>
public enum PublicationState
{
    Draft,
    Published,
}
