using System.Diagnostics;
using System.Globalization;
using MimeKit;

// MimeKit alone parsing the messages a benchmark corpus holds, the way a program that uses MimeKit directly would:
//   mimekit-bare DIR [THREADS]   MimeMessage.Load for every file under DIR, on THREADS threads (default: all cores)
//   mimekit-bare MBOX            one MimeParser in mbox mode reading the file from start to end (one thread)
// Prints the number of messages, the time from the first read to the last message (start-up left out, which
// flatters MimeKit) and the rate. bench/scan.sh runs it beside `bounceback parse` on the same corpus.
if (args.Length is < 1 or > 2)
{
    Console.Error.WriteLine("usage: mimekit-bare DIR|MBOX [THREADS]");
    return 2;
}
var path = args[0];
var threads = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : Environment.ProcessorCount;
var clock = Stopwatch.StartNew();
long messages = 0;
if (Directory.Exists(path))
{
    var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).ToArray();
    Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = threads }, file =>
    {
        using var message = MimeMessage.Load(file);
        Interlocked.Increment(ref messages);
    });
}
else if (File.Exists(path))
{
    using var stream = File.OpenRead(path);
    var parser = new MimeParser(stream, MimeFormat.Mbox);
    while (!parser.IsEndOfStream)
    {
        using var message = parser.ParseMessage();
        messages++;
    }
}
else
{
    Console.Error.WriteLine($"mimekit-bare: no such file or directory: {path}");
    return 2;
}
var seconds = clock.Elapsed.TotalSeconds;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{messages} messages in {seconds:F3} s: {messages / seconds:F0} messages/s"));
return 0;
