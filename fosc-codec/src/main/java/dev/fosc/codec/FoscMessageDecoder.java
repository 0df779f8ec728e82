package dev.fosc.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;

import java.util.List;

/**
 * Turns whole frames from {@link FoscFrameDecoder} into typed {@link FoscMessage}s. Media and unknown
 * payloads become retained slices of the frame (no copy); the frame itself is released after decoding. A
 * malformed payload of a known command becomes a {@link FoscInvalidMessage}, and the stream goes on.
 *
 * <p>Stateless and {@link Sharable}.
 */
@Sharable
public final class FoscMessageDecoder extends MessageToMessageDecoder<ByteBuf> {

    /** A shared instance. */
    public static final FoscMessageDecoder INSTANCE = new FoscMessageDecoder();

    /** Prefer {@link #INSTANCE}. */
    public FoscMessageDecoder() {
        super(ByteBuf.class);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        out.add(FoscFrames.decode(frame));
    }
}
