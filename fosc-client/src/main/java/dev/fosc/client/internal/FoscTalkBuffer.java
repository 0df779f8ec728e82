package dev.fosc.client.internal;

import io.netty.buffer.ByteBuf;

import java.nio.ByteBuffer;

/**
 * The PCM a talk has accepted and not sent yet: a ring of at most {@code capacity} bytes. Writers copy in from any
 * thread; the talk's pacer takes whole frames out on the event loop.
 *
 * <p>Thread-safe: every method holds the instance's monitor for a copy of at most {@code capacity} bytes. It holds
 * no reference-counted buffers (a plain array, garbage-collected), so there is nothing to release.
 */
final class FoscTalkBuffer {

    private static final byte[] FREED = new byte[0];

    private final int capacity;
    private byte[] ring;
    private int head;
    private int size;

    /** @param capacity the most bytes it holds */
    FoscTalkBuffer(int capacity) {
        this.capacity = capacity;
        this.ring = new byte[capacity];
    }

    /** The bound it was created with. */
    int capacity() {
        return capacity;
    }

    /** Empties the buffer and lets its memory go: it takes nothing afterwards. */
    synchronized void free() {
        ring = FREED;
        head = 0;
        size = 0;
    }

    synchronized int size() {
        return size;
    }

    /** Copies as much of {@code src} (position to limit) as fits; the position advances. @return bytes copied */
    synchronized int offer(ByteBuffer src) {
        if (ring == FREED) {
            return 0;
        }
        int n = Math.min(src.remaining(), ring.length - size);
        int tail = (head + size) % ring.length;
        int first = Math.min(n, ring.length - tail);
        src.get(ring, tail, first);
        src.get(ring, 0, n - first);
        size += n;
        return n;
    }

    /** Copies as much of {@code b[off, off + len)} as fits. @return bytes copied */
    synchronized int offer(byte[] b, int off, int len) {
        if (ring == FREED) {
            return 0;
        }
        int n = Math.min(len, ring.length - size);
        int tail = (head + size) % ring.length;
        int first = Math.min(n, ring.length - tail);
        System.arraycopy(b, off, ring, tail, first);
        System.arraycopy(b, off + first, ring, 0, n - first);
        size += n;
        return n;
    }

    /** Moves {@code n} bytes (at most {@link #size()}) to {@code out}. @return bytes moved */
    synchronized int take(ByteBuf out, int n) {
        n = Math.min(n, size);
        int first = Math.min(n, ring.length - head);
        out.writeBytes(ring, head, first);
        out.writeBytes(ring, 0, n - first);
        advance(n);
        return n;
    }

    /** Moves {@code n} bytes (at most {@link #size()}) to {@code out[0, n)}. @return bytes moved */
    synchronized int take(byte[] out, int n) {
        n = Math.min(n, size);
        int first = Math.min(n, ring.length - head);
        System.arraycopy(ring, head, out, 0, first);
        System.arraycopy(ring, 0, out, first, n - first);
        advance(n);
        return n;
    }

    /** Drops the oldest {@code n} bytes (at most {@link #size()}). @return bytes dropped */
    synchronized int skip(int n) {
        n = Math.min(n, size);
        advance(n);
        return n;
    }

    /** Empties the buffer. @return bytes dropped */
    synchronized int clear() {
        int n = size;
        head = 0;
        size = 0;
        return n;
    }

    private void advance(int n) {
        if (n == 0) {
            return;
        }
        head = (head + n) % ring.length;
        size -= n;
        if (size == 0) {
            head = 0;
        }
    }
}
