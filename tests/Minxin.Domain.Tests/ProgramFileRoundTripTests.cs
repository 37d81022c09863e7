using System.Text;
using Minxin.Domain.ProgramFiles;
using Minxin.Testing;

namespace Minxin.Domain.Tests;

public class ProgramFileRoundTripTests
{
    [Fact]
    public void Writing_the_jinnan_file_gives_back_its_bytes()
    {
        var bytes = File.ReadAllBytes(Repository.JinnanProgramFile);

        var program = ProgramFileReader.Read("jinnan-2025.json", bytes).ProgramOrThrow();

        Assert.Equal(Encoding.UTF8.GetString(bytes), Encoding.UTF8.GetString(ProgramFileWriter.Write(program)));
    }

    [Fact]
    public void Writing_keeps_chinese_and_timestamps_readable()
    {
        var program = ProgramFileReader.Read(Repository.JinnanProgramFile).ProgramOrThrow();

        var text = Encoding.UTF8.GetString(ProgramFileWriter.Write(program));

        Assert.Contains("\"publishedAt\": \"2025-07-17T13:43:00+08:00\"", text);
        Assert.Contains("护苗助老贴心工程", text);
        Assert.DoesNotContain("\\u", text);
    }
}
