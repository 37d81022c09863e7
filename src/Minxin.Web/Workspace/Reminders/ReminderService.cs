using Microsoft.Extensions.Options;

namespace Minxin.Web.Workspace.Reminders;

/// <summary>Runs <see cref="ReminderSender"/> at start and then every <see cref="ReminderOptions.Interval"/>, on every node.</summary>
public sealed class ReminderService(ReminderSender sender, TimeProvider clock, IOptions<ReminderOptions> options, ILogger<ReminderService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        do
        {
            try
            {
                await sender.RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Reminders: the run failed; the next one tries again");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public static class ReminderSetup
{
    public static IServiceCollection AddReminders(this IServiceCollection services)
    {
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ReminderOptions>().BindConfiguration(ReminderOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CalendarOptions>().BindConfiguration(CalendarOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<CalendarOptions>>().Value.Load());
        services.AddSingleton<ReminderMailer>();
        services.AddSingleton<ReminderSender>();
        services.AddHostedService<ReminderService>();
        return services;
    }
}
