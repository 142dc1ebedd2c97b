using MimeKit;

namespace Bounceback.Core.Bounces;

/// <summary>
/// One MimeKit parser per thread for the short reads after a message is parsed: a report's status groups
/// (<see cref="Rfc3464.StatusGroupReader"/>) and attached messages read on demand (<see cref="ReturnedMessage.Message"/>).
/// A new <see cref="MimeParser"/> allocates its read buffers each time, and over a mailbox of bounces those were a
/// large share of all bytes allocated; one reused through <see cref="MimeParser.SetStream(Stream, MimeFormat, bool)"/>
/// reads the same. A read that starts while the thread's parser is taken gets a parser of its own.
/// </summary>
internal static class ThreadParser
{
    [ThreadStatic] private static MimeParser? t_parser;
    [ThreadStatic] private static bool t_taken;

    /// <summary>A parser set to read the stream as one entity; give it back with <see cref="Give"/> when done.</summary>
    public static MimeParser Take(ParserOptions options, Stream stream, bool persistent)
    {
        if (t_taken) return new MimeParser(options, stream, MimeFormat.Entity, persistent);
        var parser = t_parser ??= new MimeParser(options, Stream.Null, MimeFormat.Entity);
        t_taken = true;
        parser.Options = options;
        parser.SetStream(stream, MimeFormat.Entity, persistent);
        return parser;
    }

    /// <summary>Ends a read begun with <see cref="Take"/>.</summary>
    public static void Give(MimeParser parser)
    {
        if (!ReferenceEquals(parser, t_parser)) return;
        // The parser must not keep the last message's bytes alive.
        parser.SetStream(Stream.Null, MimeFormat.Entity);
        t_taken = false;
    }

    /// <summary>A message read from the stream; <paramref name="persistent"/> as for <see cref="MimeParser"/> (the parts'
    /// contents stay ranges of a seekable stream).</summary>
    public static MimeMessage Message(ParserOptions options, Stream stream, bool persistent, CancellationToken cancellationToken = default)
    {
        var parser = Take(options, stream, persistent);
        try
        {
            return parser.ParseMessage(cancellationToken);
        }
        finally
        {
            Give(parser);
        }
    }
}
