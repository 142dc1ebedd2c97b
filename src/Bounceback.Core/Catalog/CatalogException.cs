namespace Bounceback.Core;

/// <summary>The base of the exceptions Core throws for conditions a caller can report to a user.</summary>
public class BouncebackException : Exception
{
    public BouncebackException() { }
    public BouncebackException(string message) : base(message) { }
    public BouncebackException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>A catalog data file is malformed or inconsistent.</summary>
public sealed class CatalogException : BouncebackException
{
    public CatalogException() { }
    public CatalogException(string message) : base(message) { }
    public CatalogException(string message, Exception inner) : base(message, inner) { }
}
