using System.Globalization;
using Minxin.Data;
using Minxin.Domain.Programs;
using Minxin.Domain.ReportCards;

namespace Minxin.Web.ReportCards;

/// <summary>What the public may see of programs: approved reports only.</summary>
public sealed class PublicPrograms(MinxinDbContext db)
{
    public Task<LivelihoodProgram?> FindAsync(string code, CancellationToken cancellationToken) =>
        ProgramStore.LoadAsync(db, code, publicOnly: true, cancellationToken);

    public Task<List<LivelihoodProgram>> AllAsync(CancellationToken cancellationToken) =>
        ProgramStore.LoadAllAsync(db, publicOnly: true, cancellationToken);

    public static DateOnly LatestDate(LivelihoodProgram program) => ReportCardCalculator.LatestReportDate(program);

    public static ReportCard Card(LivelihoodProgram program, DateOnly? asOf) =>
        ReportCardCalculator.Compute(program, asOf ?? LatestDate(program));
}

/// <summary>The asOf query parameter: absent, or a real date written YYYY-MM-DD.</summary>
public static class AsOfParameter
{
    public const string Name = "asOf";

    public static bool TryParse(string? text, out DateOnly? asOf)
    {
        asOf = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            asOf = date;
            return true;
        }
        return false;
    }

    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

public static class ReportCardsSetup
{
    public static IServiceCollection AddReportCards(this IServiceCollection services) =>
        services.AddScoped<PublicPrograms>();
}
