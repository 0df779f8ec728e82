package dev.fosc.client.internal;

import dev.fosc.client.FoscAudioFrame;
import dev.fosc.codec.FoscAudioData;
import dev.fosc.codec.FoscAudioFormat;
import dev.fosc.codec.FoscMediaHeader;
import io.netty.buffer.ByteBuf;
import io.netty.util.AbstractReferenceCounted;

/**
 * A {@link FoscAudioFrame} over a decoded {@link FoscAudioData} and, for G.726, the PCM buffer decoded from it;
 * it owns both and releases them when its reference count reaches zero. Reference counting is thread-safe; the
 * rest is immutable.
 */
final class DefaultFoscAudioFrame extends AbstractReferenceCounted implements FoscAudioFrame {

    private final FoscAudioData data;
    private final ByteBuf decodedPcm;

    /**
     * Takes ownership of {@code data} and {@code decodedPcm}.
     *
     * @param decodedPcm the PCM decoded from G.726 (or an empty buffer for an unknown format), or {@code null}
     *     when the data is PCM already
     */
    DefaultFoscAudioFrame(FoscAudioData data, ByteBuf decodedPcm) {
        this.data = data;
        this.decodedPcm = decodedPcm;
    }

    @Override
    public FoscMediaHeader header() {
        return data.header();
    }

    @Override
    public FoscAudioFormat format() {
        return data.format();
    }

    @Override
    public ByteBuf pcm() {
        return decodedPcm != null ? decodedPcm : data.content();
    }

    @Override
    public ByteBuf original() {
        return data.content();
    }

    /**
     * Whether the frame and its buffers are still alive: false once the application released the frame, its
     * {@link #original()} or its decoded {@link #pcm()}, which it only borrowed.
     */
    boolean intact() {
        return refCnt() > 0 && data.refCnt() > 0 && (decodedPcm == null || decodedPcm.refCnt() > 0);
    }

    @Override
    protected void deallocate() {
        try {
            data.release();
        } finally {
            if (decodedPcm != null) {
                decodedPcm.release();
            }
        }
    }

    @Override
    public FoscAudioFrame retain() {
        super.retain();
        return this;
    }

    @Override
    public FoscAudioFrame retain(int increment) {
        super.retain(increment);
        return this;
    }

    @Override
    public FoscAudioFrame touch() {
        return touch(null);
    }

    @Override
    public FoscAudioFrame touch(Object hint) {
        data.touch(hint);
        if (decodedPcm != null) {
            decodedPcm.touch(hint);
        }
        return this;
    }

    @Override
    public String toString() {
        return "FoscAudioFrame[timestamp=" + data.header().timestamp() + ", format=" + format().jsonName()
                + ", bytes=" + data.header().audioLength() + "]";
    }
}
