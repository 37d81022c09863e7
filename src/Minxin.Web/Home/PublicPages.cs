using Minxin.Web.Accessibility;
using Minxin.Web.Sharing;

namespace Minxin.Web.Home;

public static class PublicPages
{
    public static IServiceCollection AddPublicPages(this IServiceCollection services) =>
        services.AddSingleton<ShareLinks>();

    /// <summary>The server-rendered pages (home, card, item, search, statements, errors) and the reader's preferences.</summary>
    public static WebApplication MapPublicPages(this WebApplication app)
    {
        app.MapRazorPages().WithStaticAssets();
        app.MapPreferences();
        return app;
    }
}
