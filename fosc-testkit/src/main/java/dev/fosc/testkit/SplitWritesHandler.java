package dev.fosc.testkit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.PromiseCombiner;

/**
 * The {@link FakeFault.Kind#SPLIT_WRITES} fault: the first outbound handler (next to the socket) cuts every
 * buffer into pieces of at most {@code pieceBytes} and flushes each alone (with TCP_NODELAY each tends to go
 * out as its own segment). Takes ownership of what it is given. One per connection, on its event loop.
 */
final class SplitWritesHandler extends ChannelOutboundHandlerAdapter {

    static final String NAME = "fake-split-writes";

    private final int pieceBytes;

    SplitWritesHandler(int pieceBytes) {
        this.pieceBytes = pieceBytes;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf) || ((ByteBuf) msg).readableBytes() <= pieceBytes) {
            ctx.write(msg, promise);
            ctx.flush();
            return;
        }
        ByteBuf buf = (ByteBuf) msg;
        PromiseCombiner combiner = new PromiseCombiner(ctx.executor());
        try {
            while (buf.isReadable()) {
                int n = Math.min(pieceBytes, buf.readableBytes());
                combiner.add(ctx.write(buf.readRetainedSlice(n)));
                ctx.flush();
            }
        } finally {
            buf.release();
        }
        combiner.finish(promise);
    }
}
