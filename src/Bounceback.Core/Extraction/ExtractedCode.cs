using Bounceback.Core.Codes;

namespace Bounceback.Core.Extraction;

/// <summary>How a found code was read.</summary>
public enum CodeReading
{
    /// <summary>The code as written: 5.7.1, 550, 0x800CCC0E, 10060, TSS04.</summary>
    AsWritten,
    /// <summary>A three-digit number read as an enhanced code written without dots (571 = 5.7.1).</summary>
    DotlessEnhanced,
    /// <summary>A three-digit number read as a reply code that written without dots would also be an enhanced code (550 or 5.5.0).</summary>
    ReplyOrDotless,
    /// <summary>A three-digit number read as an enhanced code without dots that is also a rarely used reply code (523 = 5.2.3, or reply 523).</summary>
    DotlessOrReply,
    /// <summary>A code found by its symbolic name (WSAETIMEDOUT = Winsock 10060, IXP_E_FAILED_TO_CONNECT = 0x800CCC0E).</summary>
    Symbol,
}

/// <summary>One code found in text, with its position and the group of codes it belongs with.</summary>
/// <param name="Kind">The kind of code.</param>
/// <param name="Code">The normal form: "5.7.1", "x.1.1", "550", "0x800CCC0E", "10060", "TSS04".</param>
/// <param name="Start">Zero-based offset of the matched text in the input.</param>
/// <param name="Length">Length of the matched text.</param>
/// <param name="Group">Index into <see cref="ExtractionResult.Groups"/>: codes of one reply or line share it.</param>
/// <param name="Reading">How a three-digit number was read.</param>
/// <param name="Provider">For provider tokens: the profile whose pattern matched.</param>
public sealed record ExtractedCode(CodeKind Kind, string Code, int Start, int Length, int Group, CodeReading Reading = CodeReading.AsWritten, string? Provider = null);

/// <summary>A stretch of the input (one reply, possibly over several lines) whose codes belong together.</summary>
/// <param name="Index">The group's index.</param>
/// <param name="Start">Offset of the group's text.</param>
/// <param name="Length">Length of the group's text (bounded).</param>
public sealed record CodeGroup(int Index, int Start, int Length);

/// <summary>Everything found in one text: the codes in order of position, their groups and the recognised providers.</summary>
/// <param name="Codes">Codes in order of position, at most the cap.</param>
/// <param name="Groups">The groups the codes refer to.</param>
/// <param name="Providers">Ids of the provider profiles recognised in the text, by detect word or token, first seen first.</param>
/// <param name="Truncated">True when more codes were present than the cap allowed.</param>
public sealed record ExtractionResult(IReadOnlyList<ExtractedCode> Codes, IReadOnlyList<CodeGroup> Groups, IReadOnlyList<string> Providers, bool Truncated)
{
    /// <summary>The result for a text without codes.</summary>
    public static readonly ExtractionResult Empty = new([], [], [], false);
}
