using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Bounceback.Web;

/// <summary>A file from a multipart upload, held in memory (never written to disk or logged).</summary>
internal sealed record UploadedFile(string Name, byte[] Content);

/// <summary>The fields and files of a multipart form.</summary>
internal sealed record FormInput(IReadOnlyDictionary<string, string> Fields, IReadOnlyList<UploadedFile> Files);

/// <summary>Thrown when a request body is larger than the limit.</summary>
internal sealed class BodyTooLargeException : Exception
{
    public BodyTooLargeException() { }
    public BodyTooLargeException(string message) : base(message) { }
    public BodyTooLargeException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>Thrown when a request body cannot be read: cut off, sent too slowly, or with a broken chunk encoding.</summary>
internal sealed class UnreadableBodyException : Exception
{
    public UnreadableBodyException() { }
    public UnreadableBodyException(string message) : base(message) { }
    public UnreadableBodyException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>Reads request bodies within a byte limit, and multipart forms from the bytes read.</summary>
internal static class RequestBody
{
    public static async Task<byte[]> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit) throw new BodyTooLargeException();
        using var memory = new MemoryStream();
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int read;
            while ((read = await ReadSomeAsync(request.Body, buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (memory.Length + read > limit) throw new BodyTooLargeException();
                memory.Write(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return memory.ToArray();
    }

    /// <summary>One read of the body; a body the server cannot read (Kestrel's bad request: cut off, too slow, a broken
    /// chunk) is the client's error, answered 400, not a failure of the service.</summary>
    private static async Task<int> ReadSomeAsync(Stream body, byte[] buffer, CancellationToken cancellationToken)
    {
        try
        {
            return await body.ReadAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is BadHttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            throw new UnreadableBodyException("The request body could not be read.", e);
        }
    }

    /// <summary>The media type of the request without parameters, lower-case; empty when absent.</summary>
    public static string MediaType(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var m) ? m.MediaType.Value?.ToLowerInvariant() ?? "" : "";

    /// <summary>Decodes text with the request's charset when it names a known one, else UTF-8.</summary>
    public static string Decode(HttpRequest request, byte[] body)
    {
        var encoding = Encoding.UTF8;
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var m) && m.Charset.HasValue)
        {
            try
            {
                encoding = Encoding.GetEncoding(m.Charset.Value!);
            }
            catch (ArgumentException)
            {
                // Unknown charset: UTF-8 with replacement characters.
            }
        }
        return encoding.GetString(body);
    }

    /// <exception cref="InvalidDataException">The body is not a well-formed multipart form.</exception>
    public static async Task<FormInput> ReadMultipartAsync(HttpRequest request, byte[] body, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var media)) throw new InvalidDataException("No content type.");
        var boundary = HeaderUtilities.RemoveQuotes(media.Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary) || boundary.Length > 200) throw new InvalidDataException("No multipart boundary.");
        var reader = new MultipartReader(boundary, new MemoryStream(body, writable: false)) { BodyLengthLimit = body.Length };
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var files = new List<UploadedFile>();
        try
        {
            MultipartSection? section;
            while ((section = await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false)) is not null)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
                using var content = new MemoryStream();
                await section.Body.CopyToAsync(content, cancellationToken).ConfigureAwait(false);
                if (disposition.IsFileDisposition())
                {
                    var name = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "";
                    if (content.Length > 0 || name.Length > 0) files.Add(new UploadedFile(Path.GetFileName(name), content.ToArray()));
                }
                else if (disposition.IsFormDisposition())
                {
                    var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                    fields[name] = Encoding.UTF8.GetString(content.GetBuffer(), 0, (int)content.Length);
                }
            }
        }
        catch (IOException ex)
        {
            throw new InvalidDataException("The multipart body is malformed.", ex);
        }
        return new FormInput(fields, files.Where(f => f.Content.Length > 0).ToList());
    }
}
