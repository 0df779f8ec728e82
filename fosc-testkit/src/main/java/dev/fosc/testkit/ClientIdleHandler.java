package dev.fosc.testkit;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * Closes a connection from which no byte arrived for the idle timeout, counting only what the client sends and
 * only while the camera reads: while the camera has paused reading (its client does not read and the outbound
 * buffer is full), the client's bytes wait unread in the socket through no fault of the client, so the clock
 * stops, and it restarts from zero when reading resumes. (Netty's {@code IdleStateHandler} cannot tell the two
 * apart: it closed slow readers that still sent LOGIN_CHECK.) A stalled connection ({@link FakeFault#stall()})
 * is never closed. Sits first in the pipeline, so it sees raw bytes; one per connection, on its event loop.
 */
final class ClientIdleHandler extends ChannelInboundHandlerAdapter {

    static final String NAME = "fake-idle";

    private final long timeoutNanos;
    private final Runnable onIdle;
    private ChannelHandlerContext ctx;
    private long lastReadNanos;
    private boolean paused;
    private ScheduledFuture<?> timer;

    /**
     * @param timeoutNanos how long the client may send nothing while it is read
     * @param onIdle what to do then (on the event loop): the connection closes itself
     */
    ClientIdleHandler(long timeoutNanos, Runnable onIdle) {
        this.timeoutNanos = timeoutNanos;
        this.onIdle = onIdle;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (ctx.channel().isActive() && ctx.channel().isRegistered()) {
            start();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        start();
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stop();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastReadNanos = now();
        ctx.fireChannelRead(msg);
    }

    /** The camera stops reading this connection (back-pressure): the client's silence no longer counts. */
    void pause() {
        paused = true;
    }

    /** The camera reads again: the client gets a whole idle timeout from now. */
    void resume() {
        if (paused) {
            paused = false;
            lastReadNanos = now();
        }
    }

    private void start() {
        if (timer == null) {
            lastReadNanos = now();
            schedule(timeoutNanos);
        }
    }

    private void stop() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void schedule(long delayNanos) {
        timer = ctx.executor().schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void check() {
        if (!ctx.channel().isActive()) {
            return;
        }
        if (paused) {
            schedule(timeoutNanos); // resume() restarts the clock; until then nothing to decide
            return;
        }
        long left = timeoutNanos - (now() - lastReadNanos);
        if (left > 0) {
            schedule(left);
        } else {
            timer = null;
            onIdle.run();
        }
    }

    private long now() {
        return ctx.executor().ticker().nanoTime();
    }
}
