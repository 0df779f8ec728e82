package dev.fosc.codec;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;

import java.util.List;

/**
 * Turns {@link FoscMessage}s into frames. Control messages become one buffer; payload-holding messages
 * (video, audio, talk, unknown) become a small header buffer followed by their own payload buffer, which is
 * never copied. The message is released after encoding (Netty's rule for encoders), so a write takes
 * ownership of it.
 *
 * <p>Stateless and {@link Sharable}.
 */
@Sharable
public final class FoscMessageEncoder extends MessageToMessageEncoder<FoscMessage> {

    /** A shared instance. */
    public static final FoscMessageEncoder INSTANCE = new FoscMessageEncoder();

    /** Prefer {@link #INSTANCE}. */
    public FoscMessageEncoder() {
        super(FoscMessage.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, FoscMessage msg, List<Object> out) {
        FoscFrames.encode(msg, ctx.alloc(), out);
    }
}
