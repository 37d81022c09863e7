namespace Minxin.Web.Home;

public static class PublicPages
{
    /// <summary>The server-rendered pages (home, card, item, errors); each opts into output caching itself.</summary>
    public static WebApplication MapPublicPages(this WebApplication app)
    {
        app.MapRazorPages().WithStaticAssets();
        return app;
    }
}
