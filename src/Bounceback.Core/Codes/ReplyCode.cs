namespace Bounceback.Core.Codes;

/// <summary>A three-digit SMTP reply code (RFC 5321 section 4.2), such as 550.</summary>
public readonly record struct ReplyCode(int Value)
{
    public int Class => Value / 100;
    public int Category => Value / 10 % 10;
    public Severity Severity => Vocabulary.SeverityOfClass(Class);

    /// <summary>The RFC's class form such as "5yz", and category form such as "x5z".</summary>
    public string ClassForm => $"{Class}yz";
    public string CategoryForm => $"x{Category}z";

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whether the value is syntactically a reply code: first digit 2-5, second 0-5.</summary>
    public static bool IsWellFormed(int value) => value is >= 200 and <= 559 && value / 10 % 10 <= 5;

    public static bool TryParse(ReadOnlySpan<char> text, out ReplyCode code)
    {
        code = default;
        text = text.Trim();
        if (text.Length != 3 || !int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v)) return false;
        if (!IsWellFormed(v)) return false;
        code = new ReplyCode(v);
        return true;
    }
}
