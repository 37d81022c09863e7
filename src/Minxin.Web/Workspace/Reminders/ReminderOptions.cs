using System.ComponentModel.DataAnnotations;
using MimeKit;
using Minxin.Domain.Calendar;

namespace Minxin.Web.Workspace.Reminders;

/// <summary>"Minxin:Smtp": the mail server reminders go out through. Without a host, reminders are in-app notices only.</summary>
public sealed class SmtpOptions : IValidatableObject
{
    public const string Section = "Minxin:Smtp";

    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender, "民心办 &lt;minxin@example.gov.cn&gt;" or a bare address; required with a host.</summary>
    public string? From { get; set; }

    /// <summary>TLS on connect for port 465, STARTTLS (required, not opportunistic) on any other port.</summary>
    public bool UseTls { get; set; } = true;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (IsConfigured && !MailboxAddress.TryParse(From, out _))
        {
            yield return new ValidationResult($"Minxin:Smtp:From “{From}” is not a mail address; it is required when Minxin:Smtp:Host is set.", [nameof(From)]);
        }
    }
}

/// <summary>"Minxin:Reminders".</summary>
public sealed class ReminderOptions : IValidatableObject
{
    public const string Section = "Minxin:Reminders";

    /// <summary>How often each node looks for reminders to send; the lease lasts twice as long.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Interval < TimeSpan.FromMilliseconds(100) || Interval > TimeSpan.FromDays(1))
        {
            yield return new ValidationResult($"Minxin:Reminders:Interval {Interval} must lie between 100 ms and one day.", [nameof(Interval)]);
        }
    }
}

/// <summary>"Minxin:Calendars": a folder of extra calendar files (cn-2027.txt …) beside the bundled 2025 and 2026.</summary>
public sealed class CalendarOptions : IValidatableObject
{
    public const string Section = "Minxin:Calendars";

    public string? Folder { get; set; }

    /// <summary>The bundled calendars and the folder's, read once.</summary>
    public WorkingCalendar Load() => string.IsNullOrWhiteSpace(Folder)
        ? WorkingCalendar.Bundled
        : WorkingCalendar.Load(WorkingCalendar.BundledFiles().Concat(WorkingCalendar.FilesIn(Folder)));

    // A bad calendar file stops the start with its file and line, rather than putting due dates on the wrong day.
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Folder))
        {
            yield break;
        }
        if (!Directory.Exists(Folder))
        {
            yield return new ValidationResult($"Minxin:Calendars:Folder “{Folder}” does not exist.", [nameof(Folder)]);
            yield break;
        }
        string? problem = null;
        try
        {
            Load();
        }
        catch (CalendarFileException e)
        {
            problem = e.Message;
        }
        if (problem is not null)
        {
            yield return new ValidationResult($"Minxin:Calendars:Folder: {problem}", [nameof(Folder)]);
        }
    }
}
