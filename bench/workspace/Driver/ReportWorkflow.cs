using System.Text.Json.Nodes;

namespace Minxin.Workspace.LoadDriver;

/// <summary>
/// The three steps of a report, as its unit and the coordinator take them: the reporter creates the draft
/// (201 with its id) and submits it, the coordinator approves it, which publishes it on the card.
/// </summary>
public sealed class ReportWorkflow(StaffApi api, string coordinatorToken)
{
    private const string ApproveBody = """{"note":"基准测试：与台账核对一致"}""";

    public IReadOnlyList<(string Name, Func<Job, Task<Answer>> Operation)> Operations =>
    [
        ("create", CreateAsync),
        ("submit", SubmitAsync),
        ("approve", ApproveAsync),
    ];

    private async Task<Answer> CreateAsync(Job job)
    {
        var answer = await api.SendAsync(HttpMethod.Post, $"{StaffApi.Prefix}/items/{job.Item.Id}/reports", job.Item.ReporterToken, job.Body);
        if (answer.Succeeded)
        {
            job.ReportId = (int)JsonNode.Parse(answer.Body)!["id"]!;
        }
        return answer;
    }

    private Task<Answer> SubmitAsync(Job job) =>
        api.SendAsync(HttpMethod.Post, $"{StaffApi.Prefix}/reports/{job.ReportId}/submit", job.Item.ReporterToken);

    private async Task<Answer> ApproveAsync(Job job)
    {
        var answer = await api.SendAsync(HttpMethod.Post, $"{StaffApi.Prefix}/reports/{job.ReportId}/approve", coordinatorToken, ApproveBody);
        job.Approved = answer.Succeeded;
        return answer;
    }
}
