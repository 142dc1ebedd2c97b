using System.Globalization;

namespace Bounceback.Core.Codes;

/// <summary>An RFC 3463 enhanced status code: class.subject.detail, such as 5.7.1 or 5.7.606.</summary>
/// <param name="Class">2, 4 or 5.</param>
/// <param name="Subject">0 to 999 (registered subjects are 0 to 7).</param>
/// <param name="Detail">0 to 999.</param>
public readonly record struct EnhancedStatus(int Class, int Subject, int Detail)
{
    /// <summary>The severity its class implies.</summary>
    public Severity Severity => Vocabulary.SeverityOfClass(Class);

    /// <summary>The class-independent form used by the registry, such as x.7.1.</summary>
    public string ClassIndependent
    {
        get
        {
            Span<char> own = stackalloc char[MaxLength];
            return new string(own[..Write(own, classIndependent: true)]);
        }
    }

    /// <summary>Whether a class-independent code ("x.7.1") is this status's, without building the string.</summary>
    public bool IsClassIndependent(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        Span<char> own = stackalloc char[MaxLength];
        return code.AsSpan().SequenceEqual(own[..Write(own, classIndependent: true)]);
    }

    /// <summary>Writes the class-independent form ("x.7.1") into a buffer of at least <see cref="MaxLength"/> characters
    /// and returns its length: for comparing one status with many codes, formatted once.</summary>
    internal int WriteClassIndependent(Span<char> into) => Write(into, classIndependent: true);

    /// <summary>Three numbers of at most 11 characters each ("-2147483648") and two dots.</summary>
    internal const int MaxLength = 35;

    /// <summary>Whether the text is this status as <see cref="ToString"/> writes it ("5.7.1"), without building the string.</summary>
    internal bool IsWrittenAs(ReadOnlySpan<char> text)
    {
        Span<char> own = stackalloc char[MaxLength];
        return text.SequenceEqual(own[..Write(own, classIndependent: false)]);
    }

    /// <summary>Whether the detail is a placeholder (900 and above) meaning "no status was given". Not x.7.900 to x.7.999:
    /// Exchange's mail flow rules reject with a status of the admin's choosing in that range, a real one.</summary>
    public bool IsPlaceholder => Detail >= 900 && Subject != 7;

    public override string ToString()
    {
        Span<char> own = stackalloc char[MaxLength];
        return new string(own[..Write(own, classIndependent: false)]);
    }

    /// <summary>
    /// Writes "5.7.1" (or "x.7.1") and returns its length. Each number is formatted on its own: an interpolated string
    /// with a culture boxes them in code the JIT has not optimised yet, which in a bulk run is many of its calls.
    /// </summary>
    private int Write(Span<char> into, bool classIndependent)
    {
        int length;
        if (classIndependent)
        {
            into[0] = 'x';
            length = 1;
        }
        else
        {
            Class.TryFormat(into, out length, provider: CultureInfo.InvariantCulture);
        }
        into[length++] = '.';
        Subject.TryFormat(into[length..], out var written, provider: CultureInfo.InvariantCulture);
        length += written;
        into[length++] = '.';
        Detail.TryFormat(into[length..], out written, provider: CultureInfo.InvariantCulture);
        return length + written;
    }

    /// <summary>Parses "5.7.1" (class 2, 4 or 5; subject and detail of one to three digits).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out EnhancedStatus status)
    {
        status = default;
        text = text.Trim();
        if (text.Length < 5 || text.Length > 9) return false;
        var c = text[0] - '0';
        if (c is not (2 or 4 or 5) || text[1] != '.') return false;
        var rest = text[2..];
        var dot = rest.IndexOf('.');
        if (dot < 1 || dot > 3) return false;
        if (!TryDigits(rest[..dot], out var subject) || !TryDigits(rest[(dot + 1)..], out var detail)) return false;
        status = new EnhancedStatus(c, subject, detail);
        return true;
    }

    public static EnhancedStatus Parse(string text) =>
        TryParse(text, out var s) ? s : throw new FormatException($"Not an enhanced status code: '{text}'.");

    private static bool TryDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        if (s.Length is < 1 or > 3) return false;
        foreach (var ch in s)
        {
            if (ch is < '0' or > '9') return false;
            value = value * 10 + (ch - '0');
        }
        return true;
    }
}
