using System.Runtime.CompilerServices;
using System.Text;

namespace Bounceback.Core;

/// <summary>
/// MimeKit decodes encoded words in header fields ("=?windows-1251?B?...?=") with Encoding.GetEncoding, which on .NET
/// knows only UTF-8, UTF-16, ASCII and Latin-1 until the code-pages provider is registered: a Cyrillic, Japanese or
/// Central European subject came out as Latin-1. MimeKit keeps what a lookup gave, so the provider must be there before
/// the first message of any path (parse, scan, IMAP, web) is read: it is registered when this assembly loads.
/// </summary>
internal static class Charsets
{
#pragma warning disable CA2255 // A library's module initializer: deliberate, see the summary; registering twice is harmless.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
}
