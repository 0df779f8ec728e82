package dev.fosc.benchmarks.fleet;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * The Netty raw baseline's only handler: sends the hello bytes, then hands every read buffer to a
 * {@link FrameWalker} and releases it at once. Sends LOGIN_CHECK every 10 s, as the fosc session does (cameras
 * close a silent connection after 60 s).
 */
final class RawReader extends ChannelInboundHandlerAdapter {

    static final long KEEPALIVE_SECONDS = 10;

    private final LoadStats load;
    private final byte[] hello;
    private final byte[] keepalive;
    private final boolean video;
    private final boolean epoch;
    private FrameWalker walker;
    private ScheduledFuture<?> keepaliveTimer;

    RawReader(LoadStats load, byte[] hello, byte[] keepalive, boolean video, boolean epoch) {
        this.load = load;
        this.hello = hello;
        this.keepalive = keepalive;
        this.video = video;
        this.epoch = epoch;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        // registered by now: the initializer runs on registration
        walker = new FrameWalker(load, load.of(ctx.channel().eventLoop()), video, epoch);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(Unpooled.wrappedBuffer(hello));
        keepaliveTimer = ctx.executor().scheduleAtFixedRate(
                () -> ctx.writeAndFlush(Unpooled.wrappedBuffer(keepalive)), KEEPALIVE_SECONDS, KEEPALIVE_SECONDS,
                TimeUnit.SECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (keepaliveTimer != null) {
            keepaliveTimer.cancel(false);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws IOException {
        ByteBuf in = (ByteBuf) msg;
        try {
            walker.walk(in);
        } finally {
            in.release();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        load.failed(cause);
        ctx.close();
    }
}
