using Minxin.Web.Home;
using Minxin.Web.OpenData;
using Minxin.Web.Platform;
using Minxin.Web.Publishing;
using Minxin.Web.ReportCards;

var builder = WebApplication.CreateBuilder(args);

builder.AddPlatform();
builder.Services.AddPublishing();
builder.Services.AddReportCards();
builder.Services.AddOpenData();

var app = builder.Build();

await app.InitializeDatabaseAsync();
app.UsePlatform();
app.MapPublicPages();
app.MapOpenDataApi();

app.Run();

public partial class Program;
