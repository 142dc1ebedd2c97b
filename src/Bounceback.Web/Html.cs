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
            _builder.Append(' ').Append(name).Append("=\"").Append(Encoder.Encode(value)).Append('"');
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
        _builder.Append(Encoder.Encode(text ?? ""));
        return this;
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
