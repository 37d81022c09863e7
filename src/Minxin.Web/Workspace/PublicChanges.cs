using Minxin.Web.PublicCache;
using Minxin.Web.ReportCards;

namespace Minxin.Web.Workspace;

/// <summary>
/// After a workspace change to what the public sees has committed (its program's data version moved with it), this
/// node drops the program's snapshot and pages at once; the other nodes do when they next poll the data versions.
/// </summary>
public sealed class PublicChanges(PublicPrograms programs, PublicPageCache pages)
{
    public void Evict(string programCode)
    {
        // Snapshots first, so a page rendered after its eviction is built from the new data.
        programs.Evict([programCode]);
        pages.Evict(PublicPageCache.ProgramListTag);
        pages.Evict(PublicPageCache.ProgramTag(programCode));
    }
}
