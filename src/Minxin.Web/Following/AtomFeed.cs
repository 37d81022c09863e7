using System.Globalization;
using System.Text;
using System.Xml;

namespace Minxin.Web.Following;

/// <summary>Writes an Atom 1.0 feed (RFC 4287): text content only, every link absolute.</summary>
public static class AtomFeed
{
    public const string ContentType = "application/atom+xml; charset=utf-8";
    private const string Atom = "http://www.w3.org/2005/Atom";

    public sealed record Head(string Id, string Title, string Subtitle, string Author, string SelfUrl, string PageUrl, DateTimeOffset Updated);

    public static byte[] Write(Head head, IEnumerable<FeedEntry> entries, string baseUrl)
    {
        using var stream = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, Async = false };
        using (var xml = XmlWriter.Create(stream, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", Atom);
            xml.WriteAttributeString("xml", "lang", null, "zh-CN");
            xml.WriteElementString("id", Atom, head.Id);
            Text(xml, "title", head.Title);
            Text(xml, "subtitle", head.Subtitle);
            xml.WriteElementString("updated", Atom, Timestamp(head.Updated));
            Link(xml, "self", ContentType.Split(';')[0], head.SelfUrl);
            Link(xml, "alternate", "text/html", head.PageUrl);
            xml.WriteStartElement("author", Atom);
            Text(xml, "name", head.Author);
            xml.WriteEndElement();
            xml.WriteElementString("generator", Atom, "Minxin");
            foreach (var entry in entries)
            {
                xml.WriteStartElement("entry", Atom);
                xml.WriteElementString("id", Atom, entry.Id);
                Text(xml, "title", entry.Title);
                xml.WriteElementString("updated", Atom, Timestamp(entry.Updated));
                Link(xml, "alternate", "text/html", baseUrl + entry.Path);
                xml.WriteStartElement("category", Atom);
                xml.WriteAttributeString("term", entry.Kind.ToString().ToLowerInvariant());
                xml.WriteAttributeString("label", KindLabel(entry.Kind));
                xml.WriteEndElement();
                xml.WriteStartElement("content", Atom);
                xml.WriteAttributeString("type", "text");
                xml.WriteString(Clean(entry.Content));
                xml.WriteEndElement();
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }
        return stream.ToArray();
    }

    public static string KindLabel(FeedEntryKind kind) => kind switch
    {
        FeedEntryKind.Report => "进展报告",
        FeedEntryKind.Edition => "成绩单",
        FeedEntryKind.Reply => "留言答复",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static void Text(XmlWriter xml, string name, string text)
    {
        xml.WriteStartElement(name, Atom);
        if (name is "title" or "subtitle")
        {
            xml.WriteAttributeString("type", "text");
        }
        xml.WriteString(Clean(text));
        xml.WriteEndElement();
    }

    private static void Link(XmlWriter xml, string rel, string type, string href)
    {
        xml.WriteStartElement("link", Atom);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    /// <summary>RFC 3339, in UTC.</summary>
    private static string Timestamp(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Drops what XML cannot carry (control characters a sender may have typed) instead of failing the feed.</summary>
    private static string Clean(string text)
    {
        if (text.All(XmlConvert.IsXmlChar))
        {
            return text;
        }
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
            {
                clean.Append(text[i]);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                clean.Append(text, i, 2);
                i++;
            }
        }
        return clean.ToString();
    }
}
