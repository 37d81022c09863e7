namespace Minxin.Domain.ProgramFiles;

/// <summary>One thing wrong with a data file: where (file, line, JSON path) and what, in words a coordinator reads.</summary>
public sealed record ProgramFileError(string File, int? Line, string Path, string Message)
{
    public override string ToString() => $"{File}{(Line is { } l ? ":" + l : "")}: {Path}: {Message}";
}

public sealed class ProgramFileException(IReadOnlyList<ProgramFileError> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<ProgramFileError> Errors { get; } = errors;
}
