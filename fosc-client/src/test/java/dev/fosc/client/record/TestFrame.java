package dev.fosc.client.record;

import dev.fosc.client.FoscStream;
import dev.fosc.client.FoscVideoFrame;
import dev.fosc.codec.FoscMediaHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.AbstractReferenceCounted;

/** A video frame over a heap buffer, for the record package's unit tests. */
final class TestFrame extends AbstractReferenceCounted implements FoscVideoFrame {

    private final FoscMediaHeader header;
    private final ByteBuf data;
    private final boolean discontinuity;

    TestFrame(boolean key, boolean discontinuity, byte[] data) {
        this.header = FoscMediaHeader.video(0, key, 640, 360, 25, 0);
        this.data = Unpooled.wrappedBuffer(data);
        this.discontinuity = discontinuity;
    }

    @Override
    public FoscMediaHeader header() {
        return header;
    }

    @Override
    public boolean isDiscontinuity() {
        return discontinuity;
    }

    @Override
    public FoscStream stream() {
        return FoscStream.MAIN;
    }

    @Override
    public ByteBuf data() {
        return data;
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
        return this;
    }

    @Override
    public FoscVideoFrame touch(Object hint) {
        return this;
    }
}
