package dev.fosc.client.internal;

import dev.fosc.client.FoscStream;
import dev.fosc.client.FoscVideoFrame;
import dev.fosc.codec.FoscMediaHeader;
import dev.fosc.codec.FoscVideoData;
import io.netty.buffer.ByteBuf;
import io.netty.util.AbstractReferenceCounted;

/**
 * A {@link FoscVideoFrame} over a decoded {@link FoscVideoData}, which it owns: the frame's reference count
 * governs it, and the data is released when the frame's count reaches zero. Reference counting is thread-safe;
 * the rest is immutable.
 */
final class DefaultFoscVideoFrame extends AbstractReferenceCounted implements FoscVideoFrame {

    private final FoscVideoData data;
    private final FoscStream stream;
    private final boolean discontinuity;

    /** Takes ownership of {@code data}. */
    DefaultFoscVideoFrame(FoscVideoData data, FoscStream stream, boolean discontinuity) {
        this.data = data;
        this.stream = stream;
        this.discontinuity = discontinuity;
    }

    @Override
    public boolean isDiscontinuity() {
        return discontinuity;
    }

    @Override
    public FoscMediaHeader header() {
        return data.header();
    }

    @Override
    public FoscStream stream() {
        return stream;
    }

    @Override
    public ByteBuf data() {
        return data.content();
    }

    /**
     * Whether the frame and its data are still alive: false once the application released the frame, or its
     * {@link #data()}, which it only borrowed.
     */
    boolean intact() {
        return refCnt() > 0 && data.refCnt() > 0;
    }

    @Override
    protected void deallocate() {
        data.release();
    }

    @Override
    public FoscVideoFrame retain() {
        super.retain();
        return this;
    }

    @Override
    public FoscVideoFrame retain(int increment) {
        super.retain(increment);
        return this;
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
        FoscMediaHeader h = data.header();
        return "FoscVideoFrame[timestamp=" + h.timestamp() + ", bytes=" + h.videoLength() + ", keyFrame="
                + h.keyFrame() + ", " + h.width() + "x" + h.height() + ", stream=" + stream + (discontinuity ? ", discontinuity" : "") + "]";
    }
}
