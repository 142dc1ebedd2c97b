using System.Text;

namespace Bounceback.Core.Catalog;

/// <summary>
/// The compiled form of the catalog: every YAML file of Catalog/Data, already parsed, in one compact binary resource.
/// The build writes it (tools/Bounceback.CatalogCompiler) so that a start of the tool reads it in a few milliseconds
/// instead of parsing the YAML again. The YAML stays the source; this file is the only place that knows the layout.
/// </summary>
internal static class CatalogBinary
{
    /// <summary>The name of the embedded resource.</summary>
    public const string ResourceName = "catalog.bin";

    private const string Magic = "BBCAT";
    private const int Version = 8;

    /// <summary>Writes the files: a table of contents (names, provider profiles, strings and the code, kind and symbol of every entry),
    /// then one block of entries per file, so a reader can index everything and read a file's entries only when needed.</summary>
    public static void Write(Stream stream, IReadOnlyList<(string Name, CatalogFileDto File)> files)
    {
        var blocks = new List<byte[]>(files.Count);
        foreach (var (_, file) in files)
        {
            using var block = new MemoryStream();
            using (var bw = new BinaryWriter(block, Encoding.UTF8, leaveOpen: true))
            {
                foreach (var e in file.Entries) WriteEntry(bw, e);
            }
            blocks.Add(block.ToArray());
        }
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(Version);
        w.Write(files.Count);
        var offset = 0;
        for (var i = 0; i < files.Count; i++)
        {
            var (name, file) = files[i];
            w.Write(name);
            WriteNullable(w, file.Family);
            w.Write(file.Provider is not null);
            if (file.Provider is { } p)
            {
                WriteNullable(w, p.Id);
                WriteNullable(w, p.Name);
                WriteList(w, p.Detect);
                WriteList(w, p.Tokens);
            }
            w.Write(file.Strings?.Count ?? -1);
            foreach (var (key, text) in file.Strings ?? [])
            {
                w.Write(key);
                WriteText(w, text);
            }
            w.Write(file.Entries.Count);
            foreach (var e in file.Entries)
            {
                WriteNullable(w, e.Code);
                WriteNullable(w, e.Kind);
                WriteNullable(w, e.Symbol);
            }
            w.Write(offset);
            w.Write(blocks[i].Length);
            offset += blocks[i].Length;
        }
        foreach (var block in blocks) w.Write(block);
    }

    /// <summary>Reads the table of contents at once; each file's entries are read when <see cref="CatalogSourceFile.ReadEntries"/> is called.</summary>
    public static List<CatalogSourceFile> Read(byte[] data)
    {
        using var r = new BinaryReader(new MemoryStream(data, writable: false), Encoding.UTF8);
        if (r.ReadString() != Magic || r.ReadInt32() != Version) throw new CatalogException("The compiled catalog has an unknown layout; rebuild Bounceback.Core.");
        var count = r.ReadInt32();
        var files = new List<(CatalogSourceFile File, int Offset, int Length)>(count);
        for (var i = 0; i < count; i++)
        {
            var name = r.ReadString();
            var family = ReadNullable(r);
            ProviderDto? provider = null;
            if (r.ReadBoolean()) provider = new ProviderDto { Id = ReadNullable(r), Name = ReadNullable(r), Detect = ReadList(r), Tokens = ReadList(r) };
            Dictionary<string, TextDto>? strings = null;
            var stringCount = r.ReadInt32();
            if (stringCount >= 0)
            {
                strings = new Dictionary<string, TextDto>(stringCount, StringComparer.Ordinal);
                for (var s = 0; s < stringCount; s++) strings[r.ReadString()] = ReadText(r)!;
            }
            var entryCount = r.ReadInt32();
            var keys = new (string? Code, string? Kind, string? Symbol)[entryCount];
            for (var e = 0; e < entryCount; e++) keys[e] = (ReadNullable(r), ReadNullable(r), ReadNullable(r));
            var offset = r.ReadInt32();
            var length = r.ReadInt32();
            files.Add((new CatalogSourceFile(name, family, provider, strings, keys, null!), offset, length));
        }
        var blocksStart = (int)r.BaseStream.Position;
        return files.Select(f => f.File with { ReadEntries = () => ReadBlock(data, blocksStart + f.Offset, f.Length, f.File.Keys.Count) }).ToList();
    }

    private static List<EntryDto> ReadBlock(byte[] data, int offset, int length, int count)
    {
        using var r = new BinaryReader(new MemoryStream(data, offset, length, writable: false), Encoding.UTF8);
        var entries = new List<EntryDto>(count);
        for (var i = 0; i < count; i++) entries.Add(ReadEntry(r));
        return entries;
    }

    private static void WriteEntry(BinaryWriter w, EntryDto e)
    {
        WriteNullable(w, e.Code);
        WriteNullable(w, e.Kind);
        WriteNullable(w, e.Symbol);
        WriteText(w, e.Title);
        WriteText(w, e.Meaning);
        WriteLists(w, e.Causes);
        WriteSteps(w, e.Steps);
        WriteNullable(w, e.FaultSide);
        WriteNullable(w, e.Severity);
        WriteNullable(w, e.Reason);
        WriteNullable(w, e.Source);
        WriteList(w, e.Phrases);
        w.Write(e.Reply ?? int.MinValue);
        w.Write(e.PreferDotless);
        w.Write(e.GaveUp);
        w.Write(e.Resets);
        w.Write(e.UntilFixed);
    }

    private static void WriteSteps(BinaryWriter w, StepsDto? steps)
    {
        w.Write(steps is not null);
        if (steps is null) return;
        WriteLists(w, steps.Sender);
        WriteLists(w, steps.Admin);
        WriteSteps(w, steps.Receiving);
    }

    private static StepsDto? ReadSteps(BinaryReader r) =>
        r.ReadBoolean() ? new StepsDto { Sender = ReadLists(r), Admin = ReadLists(r), Receiving = ReadSteps(r) } : null;

    private static EntryDto ReadEntry(BinaryReader r)
    {
        var e = new EntryDto
        {
            Code = ReadNullable(r),
            Kind = ReadNullable(r),
            Symbol = ReadNullable(r),
            Title = ReadText(r),
            Meaning = ReadText(r),
            Causes = ReadLists(r),
        };
        e.Steps = ReadSteps(r);
        e.FaultSide = ReadNullable(r);
        e.Severity = ReadNullable(r);
        e.Reason = ReadNullable(r);
        e.Source = ReadNullable(r);
        e.Phrases = ReadList(r);
        var reply = r.ReadInt32();
        e.Reply = reply == int.MinValue ? null : reply;
        e.PreferDotless = r.ReadBoolean();
        e.GaveUp = r.ReadBoolean();
        e.Resets = r.ReadBoolean();
        e.UntilFixed = r.ReadBoolean();
        return e;
    }

    private static void WriteText(BinaryWriter w, TextDto? t)
    {
        w.Write(t is not null);
        if (t is null) return;
        WriteNullable(w, t.En);
        WriteNullable(w, t.Nl);
    }

    private static TextDto? ReadText(BinaryReader r) => r.ReadBoolean() ? new TextDto { En = ReadNullable(r), Nl = ReadNullable(r) } : null;

    private static void WriteLists(BinaryWriter w, ListDto? l)
    {
        w.Write(l is not null);
        if (l is null) return;
        WriteList(w, l.En);
        WriteList(w, l.Nl);
    }

    private static ListDto? ReadLists(BinaryReader r) => r.ReadBoolean() ? new ListDto { En = ReadList(r), Nl = ReadList(r) } : null;

    private static void WriteList(BinaryWriter w, List<string> items)
    {
        w.Write(items.Count);
        foreach (var s in items) w.Write(s);
    }

    private static List<string> ReadList(BinaryReader r)
    {
        var n = r.ReadInt32();
        var list = new List<string>(n);
        for (var i = 0; i < n; i++) list.Add(r.ReadString());
        return list;
    }

    private static void WriteNullable(BinaryWriter w, string? s)
    {
        w.Write(s is not null);
        if (s is not null) w.Write(s);
    }

    private static string? ReadNullable(BinaryReader r) => r.ReadBoolean() ? r.ReadString() : null;
}

/// <summary>
/// One catalog file as the catalog indexes it: what is needed at once (profile, strings, the code and kind of each
/// entry, its kind and symbolic name) and a way to read its entries when one of them is first asked for.
/// </summary>
internal sealed record CatalogSourceFile(
    string Name,
    string? Family,
    ProviderDto? Provider,
    Dictionary<string, TextDto>? Strings,
    IReadOnlyList<(string? Code, string? Kind, string? Symbol)> Keys,
    Func<List<EntryDto>> ReadEntries)
{
    /// <summary>A file already parsed (from YAML): its entries are at hand.</summary>
    public static CatalogSourceFile FromDto(string name, CatalogFileDto dto) =>
        new(name, dto.Family, dto.Provider, dto.Strings, dto.Entries.Select(e => (e.Code, e.Kind, e.Symbol)).ToList(), () => dto.Entries);
}
