using Minxin.Domain.Programs;

namespace Minxin.Web.ReportCards;

/// <summary>Public identifiers: a program's code ("jinnan-2025"), an item's is the program's plus its code ("jinnan-2025-07-1").</summary>
public static class PublicIds
{
    public static string Item(LivelihoodProgram program, Item item) => $"{program.Code}-{item.Code}";

    public static string Item(string programCode, string itemCode) => $"{programCode}-{itemCode}";

    public static bool TryParseItem(string id, out string programCode, out string itemCode)
    {
        programCode = itemCode = "";
        var last = id.LastIndexOf('-');
        var cut = last > 0 ? id.LastIndexOf('-', last - 1) : -1;
        if (cut <= 0 || !ItemCode.TryParse(id[(cut + 1)..], out _, out _))
        {
            return false;
        }
        programCode = id[..cut];
        itemCode = id[(cut + 1)..];
        return true;
    }
}
