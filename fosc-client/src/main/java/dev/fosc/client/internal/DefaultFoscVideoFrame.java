package dev.fosc.client.internal;

import dev.fosc.client.FoscStream;
import dev.fosc.client.FoscVideoFrame;
import dev.fosc.codec.FoscMediaHeader;
import dev.fosc.codec.FoscVideoData;
import io.netty.buffer.ByteBuf;
import io.netty.util.IllegalReferenceCountException;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The library's {@link FoscVideoFrame}: a media header and a slice of the buffer the frame's data lies in, with a
 * reference count of its own.
 *
 * <p><b>Two ways to hold the data.</b> A frame that arrived whole in one read is <em>borrowed</em>
 * ({@link #borrowed}): its slice does not retain the receive buffer, which the decoder holds until the listener
 * returns; the first {@link #retain()} (by the application, or by a {@code Flow} publisher buffering it) pins the
 * buffer, and the last {@link #release()} unpins it. A frame that is delivered and released without being kept, the
 * common case, so costs one object for the frame, one for the slice and one atomic update, and never touches the
 * receive buffer's count. A frame decoded elsewhere ({@link #owning}: a frame that spanned reads) owns its retained
 * slice from the start. Either way the frame's count governs the data: the data is released (if pinned) when the
 * count reaches zero.
 *
 * <p>Threading: the first retain of a borrowed frame happens on the event loop during delivery (the public contract:
 * a frame handed to another thread is retained first); the count itself is atomic, so later retains and releases may
 * come from any thread. The stream and discontinuity labels are set on the loop before the frame is handed out.
 */
final class DefaultFoscVideoFrame implements FoscVideoFrame {

    private static final VarHandle REF_CNT;
    private static final VarHandle PINNED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            REF_CNT = lookup.findVarHandle(DefaultFoscVideoFrame.class, "refCnt", int.class);
            PINNED = lookup.findVarHandle(DefaultFoscVideoFrame.class, "pinned", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final FoscMediaHeader header;
    private final ByteBuf data;
    /** Whether this frame holds a reference to the memory of {@link #data} (released with the frame). */
    private volatile boolean pinned;
    private volatile int refCnt;
    private FoscStream stream = FoscStream.MAIN;
    private boolean discontinuity;

    private DefaultFoscVideoFrame(FoscMediaHeader header, ByteBuf data, boolean pinned) {
        this.header = header;
        this.data = data;
        PINNED.set(this, pinned);
        REF_CNT.set(this, 1);
    }

    /**
     * A frame over {@code length} bytes at {@code index} of {@code buffer}, which the caller keeps alive until the
     * frame is delivered (the decoder's receive buffer); nothing is retained until the frame is.
     */
    static DefaultFoscVideoFrame borrowed(FoscMediaHeader header, ByteBuf buffer, int index, int length) {
        return new DefaultFoscVideoFrame(header, buffer.slice(index, length), false);
    }

    /** A frame over decoded {@code data}, whose retained slice it takes over. */
    static DefaultFoscVideoFrame owning(FoscVideoData data) {
        return new DefaultFoscVideoFrame(data.header(), data.content(), true);
    }

    /** Labels the frame before delivery (event loop). */
    DefaultFoscVideoFrame label(FoscStream stream, boolean discontinuity) {
        this.stream = stream;
        this.discontinuity = discontinuity;
        return this;
    }

    @Override
    public boolean isDiscontinuity() {
        return discontinuity;
    }

    @Override
    public FoscMediaHeader header() {
        return header;
    }

    @Override
    public FoscStream stream() {
        return stream;
    }

    @Override
    public ByteBuf data() {
        return data;
    }

    /**
     * Whether the frame and its data are still alive: false once the application released the frame, or its
     * {@link #data()}, which it only borrowed.
     */
    boolean intact() {
        return refCnt > 0 && data.refCnt() > 0;
    }

    @Override
    public int refCnt() {
        return refCnt;
    }

    @Override
    public FoscVideoFrame retain() {
        return retain(1);
    }

    @Override
    public FoscVideoFrame retain(int increment) {
        if (increment <= 0) {
            throw new IllegalArgumentException("increment must be positive: " + increment);
        }
        int old = (int) REF_CNT.getAndAdd(this, increment);
        if (old <= 0 || old + increment < old) {
            REF_CNT.getAndAdd(this, -increment);
            throw new IllegalReferenceCountException(old, increment);
        }
        if (!pinned && PINNED.compareAndSet(this, false, true)) {
            data.retain(); // kept beyond the delivery: the receive buffer must stay
        }
        return this;
    }

    @Override
    public boolean release() {
        return release(1);
    }

    @Override
    public boolean release(int decrement) {
        if (decrement <= 0) {
            throw new IllegalArgumentException("decrement must be positive: " + decrement);
        }
        for (;;) {
            int current = refCnt;
            if (current < decrement) {
                throw new IllegalReferenceCountException(current, -decrement);
            }
            if (REF_CNT.compareAndSet(this, current, current - decrement)) {
                if (current == decrement) {
                    if (pinned) {
                        data.release();
                    }
                    return true;
                }
                return false;
            }
        }
    }

    @Override
    public FoscVideoFrame touch() {
        return touch(null);
    }

    @Override
    public FoscVideoFrame touch(Object hint) {
        data.touch(hint);
        return this;
    }

    @Override
    public String toString() {
        return "FoscVideoFrame[timestamp=" + header.timestamp() + ", bytes=" + data.readableBytes() + ", keyFrame="
                + header.keyFrame() + ", " + header.width() + "x" + header.height() + ", stream=" + stream
                + (discontinuity ? ", discontinuity" : "") + "]";
    }
}
