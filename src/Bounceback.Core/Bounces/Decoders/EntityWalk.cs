using System.Buffers;
using System.Collections;
using MimeKit;

namespace Bounceback.Core.Bounces.Decoders;

/// <summary>
/// The entities of a message, depth first, as <see cref="MessageParts.Walk"/> gives them. A <c>foreach</c> over it uses
/// the struct enumerator, whose stack is a rented array returned when the loop ends: every decoder walks every message
/// a few times, and an iterator with its own stack was one of the parse's larger allocations.
/// </summary>
internal readonly struct EntityWalk(MimeEntity? root, bool intoMessages, Func<ReturnedMessage, bool>? into) : IEnumerable<MimeEntity>
{
    private const int MaxDepth = 6;
    private const int MaxEntities = 1000;

    public Enumerator GetEnumerator() => new(root, intoMessages, into);

    IEnumerator<MimeEntity> IEnumerable<MimeEntity>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Pops an entity, then pushes its children (last first, so the first is read next); at most <see cref="MaxEntities"/>.</summary>
    public struct Enumerator : IEnumerator<MimeEntity>
    {
        private readonly bool _intoMessages;
        private readonly Func<ReturnedMessage, bool>? _into;
        private (MimeEntity Entity, int Depth)[]? _stack;
        private int _count;
        private int _yielded;
        private MimeEntity? _current;

        internal Enumerator(MimeEntity? root, bool intoMessages, Func<ReturnedMessage, bool>? into)
        {
            _intoMessages = intoMessages;
            _into = into;
            if (root is null) return;
            _stack = ArrayPool<(MimeEntity, int)>.Shared.Rent(16);
            _stack[0] = (root, 0);
            _count = 1;
        }

        public readonly MimeEntity Current => _current!;

        readonly object IEnumerator.Current => Current;

        public bool MoveNext()
        {
            if (_current is not null) PushChildren();
            if (_count == 0 || _yielded++ >= MaxEntities)
            {
                _current = null;
                return false;
            }
            _current = _stack![--_count].Entity;
            return true;
        }

        /// <summary>The children of the entity just given, unless it is at the depth limit.</summary>
        private void PushChildren()
        {
            var (entity, depth) = _stack![_count];
            if (depth >= MaxDepth) return;
            if (entity is Multipart multipart)
            {
                for (var i = multipart.Count - 1; i >= 0; i--) Push(multipart[i], depth + 1);
            }
            else if (_intoMessages && entity is MessagePart { Message.Body: { } body } and not TextRfc822Headers)
            {
                Push(body, depth + 1);
            }
            else if (_intoMessages && entity is ReturnedMessage attached && (_into is null || _into(attached)) && attached.Message?.Body is { } returned)
            {
                Push(returned, depth + 1);
            }
        }

        private void Push(MimeEntity entity, int depth)
        {
            if (_count == _stack!.Length)
            {
                var larger = ArrayPool<(MimeEntity, int)>.Shared.Rent(_stack.Length * 2);
                _stack.AsSpan().CopyTo(larger);
                Return(_stack);
                _stack = larger;
            }
            _stack[_count++] = (entity, depth);
        }

        public void Dispose()
        {
            if (_stack is null) return;
            Return(_stack);
            _stack = null;
            _count = 0;
            _current = null;
        }

        // Cleared so that a pooled array keeps no message alive.
        private static void Return((MimeEntity, int)[] stack) => ArrayPool<(MimeEntity, int)>.Shared.Return(stack, clearArray: true);

        public void Reset() => throw new NotSupportedException();
    }
}
