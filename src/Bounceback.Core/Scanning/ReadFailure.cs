using Bounceback.Core.Catalog;
using Bounceback.Core.Codes;
using MimeKit;

namespace Bounceback.Core.Scanning;

/// <summary>Data that is no e-mail message at all (binary data such as an image or an archive).</summary>
public sealed class NotMailException(string message) : FormatException(message);

/// <summary>Why a message or a source could not be read, in words of the chosen language: the common cases from the
/// catalog (binary data, no header lines, no access), anything else with the system's own message.</summary>
public static class ReadFailure
{
    public static string Describe(Exception e, Language language)
    {
        ArgumentNullException.ThrowIfNull(e);
        var key = e switch
        {
            NotMailException => "parse.error.binary",
            ParseException => "parse.error.headers",
            UnauthorizedAccessException => "parse.error.access",
            _ => null,
        };
        return key is null ? e.Message : ExplanationCatalog.Default.Text(key, language);
    }
}
