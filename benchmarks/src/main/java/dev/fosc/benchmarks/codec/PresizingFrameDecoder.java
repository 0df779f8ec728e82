package dev.fosc.benchmarks.codec;

import dev.fosc.codec.FoscFrameDecoder;
import dev.fosc.codec.FoscFrames;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;

/**
 * A measured alternative, not used by the library: {@link FoscFrameDecoder} that, once it has read the header
 * of a frame that is not complete yet, grows the cumulation buffer to hold the whole frame in one step. With
 * Netty's merging cumulator a large frame arriving in 1460-byte segments otherwise makes the cumulation grow
 * by doubling, copying what it holds at every step; pre-sized, each byte is copied once. (A change for the
 * codec's own decoder if the benchmark shows it pays.)
 *
 * <p>The cumulation is grown only when this decoder is its sole owner (reference count 1) and its maximum
 * capacity allows it. One instance per channel, on its event loop.
 */
final class PresizingFrameDecoder extends FoscFrameDecoder {

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        Object frame = super.decode(ctx, in);
        if (frame == null && in.readableBytes() >= FoscFrames.HEADER_LENGTH && in.refCnt() == 1) {
            long frameLength = FoscFrames.HEADER_LENGTH + in.getUnsignedIntLE(in.readerIndex() + 8);
            long missing = frameLength - in.readableBytes();
            if (frameLength <= FoscFrames.HEADER_LENGTH + maxPayloadLength() && missing > in.writableBytes()
                    && missing <= in.maxWritableBytes()) {
                in.ensureWritable((int) missing);
            }
        }
        return frame;
    }
}
