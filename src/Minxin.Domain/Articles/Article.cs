namespace Minxin.Domain.Articles;

/// <summary>The text of a report card as an editor publishes it: title, lead, numbered sections of paragraphs.</summary>
public sealed record Article(string Title, string Lead, IReadOnlyList<ArticleSection> Sections);

/// <summary>One category: "01" and its name, then one paragraph per item.</summary>
public sealed record ArticleSection(string Number, string Name, IReadOnlyList<string> Paragraphs)
{
    public string Heading => $"{Number}  {Name}";
}
