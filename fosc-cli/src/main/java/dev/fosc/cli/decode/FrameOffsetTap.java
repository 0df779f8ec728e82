package dev.fosc.cli.decode;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.util.ArrayDeque;

/**
 * Sits between the frame decoder and the codec and notes where each whole frame starts and how long its
 * payload is on the wire, in the order the frames pass (the codec turns each frame into exactly one
 * message). The frames themselves pass on untouched: ownership goes with them. One instance per channel,
 * on its event loop.
 */
final class FrameOffsetTap extends ChannelInboundHandlerAdapter {

    private final ArrayDeque<long[]> frames = new ArrayDeque<>();
    private long frameBytes;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf) {
            int length = ((ByteBuf) msg).readableBytes();
            frames.add(new long[] {frameBytes, length});
            frameBytes += length;
        }
        ctx.fireChannelRead(msg);
    }

    /** The next frame's {offset counted from the frame decoder's first byte, frame length}, or null. */
    long[] poll() {
        return frames.poll();
    }

    /** Bytes of whole frames that have passed. */
    long frameBytes() {
        return frameBytes;
    }
}
