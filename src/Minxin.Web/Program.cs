using Minxin.Web.Editions;
using Minxin.Web.Following;
using Minxin.Web.Home;
using Minxin.Web.Messages;
using Minxin.Web.OpenData;
using Minxin.Web.Platform;
using Minxin.Web.PublicCache;
using Minxin.Web.Ratings;
using Minxin.Web.ReportCards;
using Minxin.Web.Workspace;

// Settings, views and static files come from beside the app, so it runs the same from any working directory;
// relative paths such as MINXIN_DATA=./data are then the caller's.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

builder.AddPlatform();
builder.Services.AddPublicCache();
builder.Services.AddReportCards();
builder.Services.AddPublicPages();
builder.Services.AddOpenData();
builder.Services.AddWorkspace();
builder.Services.AddMessages();
builder.Services.AddRatings();
builder.Services.AddFollowing();

var app = builder.Build();

await app.InitializeDatabaseAsync();
app.UsePlatform();
app.MapPublicPages();
app.MapOpenDataApi();
app.MapEditionApi();
app.MapEditionDocuments();
app.MapWorkspace();
app.MapMessagesApi();
app.MapRatingApi();
app.MapFollowing();

// Not app.Run(): a blocking call here could hold a socket thread (see PlatformSetup.RunRequestsOnSocketThreads).
await app.RunAsync();

public partial class Program;
