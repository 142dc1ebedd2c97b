using Bounceback.Core;
using Bounceback.Core.Catalog;

// Usage: Bounceback.CatalogCompiler DATA_DIR OUTPUT_FILE
// Reads every *.yaml under DATA_DIR (names relative to it, '/'-separated, in ordinal order) and writes the compiled
// catalog. Errors in a file name the file and exit with 1, so the build fails where the YAML is wrong.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Bounceback.CatalogCompiler DATA_DIR OUTPUT_FILE");
    return 2;
}
var dataDir = Path.GetFullPath(args[0]);
try
{
    var files = Directory.EnumerateFiles(dataDir, "*.yaml", SearchOption.AllDirectories)
        .Select(path => (Name: "catalog/" + Path.GetRelativePath(dataDir, path).Replace('\\', '/'), Path: path))
        .OrderBy(f => f.Name, StringComparer.Ordinal)
        .Select(f =>
        {
            using var reader = new StreamReader(f.Path);
            return (f.Name, CatalogYaml.Read(f.Name, reader));
        })
        .ToList();
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(args[1]))!);
    var temp = args[1] + ".tmp";
    using (var output = File.Create(temp)) CatalogBinary.Write(output, files);
    File.Move(temp, args[1], overwrite: true);
    return 0;
}
catch (CatalogException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 1;
}
