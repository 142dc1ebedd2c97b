using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Bounceback.Web;

/// <summary>
/// Builds HTML. Markup comes only from this code; every text and attribute value goes through the HTML encoder,
/// so nothing from the input can become markup.
/// </summary>
internal sealed class Html
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
    private readonly StringBuilder _builder = new(4096);

    /// <summary>Opens an element; attributes with a null value are left out.</summary>
    public Html Open(string tag, params (string Name, string? Value)[] attributes)
    {
        _builder.Append('<').Append(tag);
        foreach (var (name, value) in attributes)
        {
            if (value is null) continue;
            _builder.Append(' ').Append(name).Append("=\"").Append(Encoder.Encode(WithoutBidiControls(value))).Append('"');
        }
        _builder.Append('>');
        return this;
    }

    public Html Close(string tag)
    {
        _builder.Append("</").Append(tag).Append('>');
        return this;
    }

    public Html Text(string? text)
    {
        _builder.Append(Encoder.Encode(WithoutBidiControls(text ?? "")));
        return this;
    }

    /// <summary>
    /// The text with Unicode's bidirectional controls (U+202A-U+202E, U+2066-U+2069) shown as U+FFFD: a stranger's bounce
    /// could use them to make an address or a reply read otherwise than it is written (CVE-2021-42574's trick).
    /// </summary>
    internal static string WithoutBidiControls(string text)
    {
        if (text.AsSpan().IndexOfAnyInRange('\u202A', '\u202E') < 0 && text.AsSpan().IndexOfAnyInRange('\u2066', '\u2069') < 0) return text;
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069') chars[i] = '\uFFFD';
        }
        return new string(chars);
    }

    /// <summary>An element with text content only.</summary>
    public Html Element(string tag, string? text, params (string Name, string? Value)[] attributes) =>
        Open(tag, attributes).Text(text).Close(tag);

    /// <summary>Literal markup written in this code base (never input).</summary>
    public Html Markup(string markup)
    {
        _builder.Append(markup);
        return this;
    }

    public override string ToString() => _builder.ToString();
}
