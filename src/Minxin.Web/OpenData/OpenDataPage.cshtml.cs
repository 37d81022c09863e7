using Microsoft.AspNetCore.Mvc.RazorPages;
using Minxin.Domain.Programs;
using Minxin.Web.ReportCards;

namespace Minxin.Web.OpenData;

public sealed class OpenDataPageModel(PublicPrograms programs) : PageModel
{
    public IReadOnlyList<LivelihoodProgram> Programs { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Programs = await programs.AllAsync(cancellationToken);
}
