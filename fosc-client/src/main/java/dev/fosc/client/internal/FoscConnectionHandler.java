package dev.fosc.client.internal;

import dev.fosc.client.FoscConnectionClosedException;
import dev.fosc.client.FoscException;
import dev.fosc.client.FoscProtocolException;
import dev.fosc.client.FoscRequestTimeoutException;
import dev.fosc.client.FoscSessionOptions;
import dev.fosc.client.FoscStalledException;
import dev.fosc.client.FoscWriteQueueFullException;
import dev.fosc.codec.FoscClose;
import dev.fosc.codec.FoscCommand;
import dev.fosc.codec.FoscInvalidMessage;
import dev.fosc.codec.FoscLogin;
import dev.fosc.codec.FoscLoginCheck;
import dev.fosc.codec.FoscLoginCheckReply;
import dev.fosc.codec.FoscLoginReply;
import dev.fosc.codec.FoscMalformedPayloadException;
import dev.fosc.codec.FoscMessage;
import dev.fosc.codec.FoscStatusReply;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The last handler of one camera connection: the login state machine, request/reply matching with timeouts,
 * the keepalive, and the hand-over of media and events to the session.
 *
 * <ul>
 *   <li>On {@code channelActive} (after the preamble) a logging-in role sends LOGIN and waits for
 *       LOGIN_REPLY; accepted → the keepalive starts and the session told; refused → the session
 *       decides; no reply within the request timeout → protocol error, closed.</li>
 *   <li>Keepalive ({@link FoscKeepalive}, one timer, started once logged in): nothing written for the keepalive
 *       interval → LOGIN_CHECK, also while reading is paused (the camera counts only the client's bytes); nothing
 *       received for the reader-idle time of reading → stalled, closed. Every read burst counts
 *       ({@code channelReadComplete}: a partial frame too, not only whole frames). A LOGIN_CHECK_REPLY with
 *       result 1 → LOGIN again. The media role starts the keepalive at once and ignores LOGIN_CHECK_REPLY
 *       results (its uid belongs to the control login).</li>
 *   <li>Replies (16, 18, 20, 21, 100) complete the oldest request waiting for that command; the rest goes to
 *       the {@link FoscConnectionListener}, which takes ownership: messages from the codec, and video frames that
 *       {@link FoscClientDecoder} hands over directly ({@link #videoFrame}; borrowed: delivered or released before
 *       the call returns).</li>
 *   <li>A reply whose payload could not be decoded ({@link FoscInvalidMessage} of 16, 18, 20, 21, 100) fails
 *       the oldest request waiting for it with the {@link FoscMalformedPayloadException}; the connection stays
 *       open. For LOGIN_REPLY that means "not logged in" (docs/protocol.md §3): the listener is told, as for a
 *       refusal. The invalid message then goes on to the listener like any other (it is counted there).</li>
 *   <li>Reading is switched off and on by the session ({@link #setReading}); request timeouts and the stall
 *       detector count only the time during which the connection reads.</li>
 *   <li>When the channel closes every waiting request fails with {@link FoscConnectionClosedException}.</li>
 * </ul>
 *
 * <p>One instance per channel, used on its event loop only. Not sharable.
 */
public final class FoscConnectionHandler extends ChannelInboundHandlerAdapter
        implements FoscKeepalive.Actions, FoscClientDecoder.VideoSink {

    /** The pipeline name of this handler. */
    public static final String NAME = "fosc-connection";
    /**
     * How long a graceful close waits for the CLOSE message to be written before closing the channel anyway: the
     * public {@link FoscSessionOptions#CLOSE_WRITE_TIMEOUT}.
     */
    public static final Duration CLOSE_WRITE_TIMEOUT = FoscSessionOptions.CLOSE_WRITE_TIMEOUT;

    private static final Logger LOG = LoggerFactory.getLogger(FoscConnectionHandler.class);

    private final FoscConnectionRole role;
    private final FoscSessionOptions options;
    private final int uid;
    private final String address;
    private final FoscConnectionListener listener;

    private ChannelHandlerContext ctx;
    private Channel channel;
    private FoscRequestTracker tracker;
    private FoscKeepalive keepalive;
    private boolean loggedIn;
    private boolean loginInFlight;
    private boolean closed;
    private Throwable closeCause;
    /** Whether the session switched reading off (back-pressure); known before the channel is registered too. */
    private boolean readingPaused;

    FoscConnectionHandler(FoscConnectionRole role, FoscSessionOptions options, int uid, String address,
                          FoscConnectionListener listener) {
        this.role = role;
        this.options = options;
        this.uid = uid;
        this.address = address;
        this.listener = listener;
    }

    FoscConnectionRole role() {
        return role;
    }

    /** The channel, or {@code null} before {@link #attach} or registration. */
    Channel channel() {
        return channel;
    }

    /** Remembers the channel before it is registered, so that it can be closed while still connecting. */
    void attach(Channel channel) {
        if (this.channel == null) {
            this.channel = channel;
        }
    }

    boolean isLoggedIn() {
        return loggedIn;
    }

    boolean isOpen() {
        return ctx != null && !closed && ctx.channel().isActive();
    }

    /** Requests waiting for replies. */
    int pendingRequests() {
        return tracker == null ? 0 : tracker.size();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.channel = ctx.channel();
        this.tracker = new FoscRequestTracker(ctx.executor(), address);
        this.keepalive = new FoscKeepalive(ctx.executor(), options.keepaliveInterval().toNanos(),
                options.readerIdleTimeout().toNanos(), this);
        if (readingPaused) { // switched off before the channel was known
            channel.config().setAutoRead(false);
            tracker.pauseReading();
        }
    }

    /**
     * Switches reading from the socket on or off (the session's back-pressure: {@code autoRead}). While it is off,
     * replies may arrive but stay unread, so the request timeouts stand still (they count reading time only; see
     * {@link FoscRequestTracker}); the keepalive goes on. Event loop only; before registration too.
     */
    void setReading(boolean read) {
        if (channel != null) {
            channel.config().setAutoRead(read);
        }
        if (readingPaused != read) {
            return; // no change
        }
        readingPaused = !read;
        if (tracker != null) {
            if (read) {
                keepalive.readingResumed();
                tracker.resumeReading();
            } else {
                tracker.pauseReading();
            }
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (role.logsIn()) {
            login();
        } else {
            keepalive.start();
        }
        listener.connectionActive(this);
        ctx.fireChannelActive();
    }

    private void login() {
        if (loginInFlight) {
            return;
        }
        loginInFlight = true;
        request(new FoscLogin(options.credentials(), uid, 0), FoscCommand.LOGIN_REPLY).whenComplete((reply, error) -> {
            loginInFlight = false;
            if (error != null) {
                if (error instanceof FoscMalformedPayloadException) {
                    listener.connectionLoginInvalid(this, (FoscMalformedPayloadException) error);
                } else if (error instanceof FoscRequestTimeoutException) {
                    close(new FoscProtocolException("no LOGIN_REPLY from " + address + " within "
                            + options.requestTimeout().toMillis() + " ms", error));
                }
                return; // closed meanwhile: connectionClosed reports it
            }
            FoscLoginReply loginReply = (FoscLoginReply) reply;
            if (loginReply.isAccepted()) {
                loggedIn = true;
                keepalive.start();
                listener.connectionLoggedIn(this, loginReply);
            } else {
                listener.connectionLoginRefused(this, loginReply);
            }
        });
    }

    /** Whether the keepalive runs (logged in, or the media role once active). */
    boolean keepaliveStarted() {
        return keepalive != null && keepalive.isStarted();
    }

    /**
     * Sends {@code message} and waits for {@code reply}. Fails with {@link FoscConnectionClosedException} if the
     * channel is closed, with {@link FoscWriteQueueFullException} if it is not writable (LOGIN excepted), with
     * {@link FoscRequestTimeoutException} after the request timeout. Must run on the event loop.
     */
    CompletableFuture<FoscMessage> request(FoscMessage message, FoscCommand reply) {
        if (!isOpen()) {
            ReferenceCountUtil.release(message);
            return CompletableFuture.failedFuture(new FoscConnectionClosedException("connection to " + address
                    + " is closed; " + message.command() + " not sent", closeCause));
        }
        if (!(message instanceof FoscLogin) && !channel.isWritable()) {
            ReferenceCountUtil.release(message);
            return CompletableFuture.failedFuture(new FoscWriteQueueFullException("the write queue to " + address
                    + " is full (the camera is not reading); " + message.command() + " not sent"));
        }
        CompletableFuture<FoscMessage> future = tracker.register(message.command(), reply,
                options.requestTimeout().toNanos());
        keepalive.wrote();
        ctx.writeAndFlush(message).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                tracker.fail(future, new FoscConnectionClosedException("could not send " + message.command()
                        + " to " + address + ": " + FoscIoErrors.describe(f.cause()), f.cause()));
            }
        });
        return future;
    }

    /** Sends a message that has no reply; the future completes once it was written. Event loop only. */
    CompletableFuture<Void> send(FoscMessage message) {
        if (!isOpen()) {
            ReferenceCountUtil.release(message);
            return CompletableFuture.failedFuture(new FoscConnectionClosedException("connection to " + address
                    + " is closed; " + message.command() + " not sent", closeCause));
        }
        if (!channel.isWritable()) {
            ReferenceCountUtil.release(message);
            return CompletableFuture.failedFuture(new FoscWriteQueueFullException("the write queue to " + address
                    + " is full (the camera is not reading); " + message.command() + " not sent"));
        }
        CompletableFuture<Void> future = new CompletableFuture<>();
        keepalive.wrote();
        ctx.writeAndFlush(message).addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                future.complete(null);
            } else {
                future.completeExceptionally(new FoscConnectionClosedException("could not send " + message.command()
                        + " to " + address + ": " + FoscIoErrors.describe(f.cause()), f.cause()));
            }
        });
        return future;
    }

    /** Closes the connection, reporting {@code cause} (the first cause wins). Event loop only. */
    ChannelFuture close(Throwable cause) {
        if (closeCause == null) {
            closeCause = cause;
        }
        return channel.close();
    }

    /**
     * The application's close: CLOSE is sent first when logged in (the camera then closes too), then the channel
     * is closed; if the CLOSE write has not completed within {@link #CLOSE_WRITE_TIMEOUT} (a camera that does not
     * read) the channel is closed anyway. Event loop only.
     */
    ChannelFuture closeGracefully(Throwable cause) {
        if (closeCause == null) {
            closeCause = cause;
        }
        if (loggedIn && isOpen()) {
            ctx.writeAndFlush(new FoscClose(options.credentials())).addListener(ChannelFutureListener.CLOSE);
            ScheduledFuture<?> force = ctx.executor().schedule(() -> {
                channel.close();
            }, CLOSE_WRITE_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
            channel.closeFuture().addListener(f -> force.cancel(false));
            return channel.closeFuture();
        }
        return channel.close();
    }

    /** A video frame from the channel's {@link FoscClientDecoder}, handed over directly (see there why). */
    @Override
    public void videoFrame(DefaultFoscVideoFrame frame) {
        listener.connectionVideo(this, frame);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FoscMessage)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        FoscMessage message = (FoscMessage) msg;
        if (message instanceof FoscLoginReply || message instanceof FoscStatusReply) {
            if (!tracker.complete(message)) {
                LOG.debug("{}: unsolicited {}", address, message);
            }
        } else if (message instanceof FoscInvalidMessage) {
            FoscInvalidMessage invalid = (FoscInvalidMessage) message;
            tracker.failOldest(invalid.command(), invalid.cause());
            listener.connectionMessage(this, message);
        } else if (message instanceof FoscLoginCheckReply) {
            onLoginCheckReply((FoscLoginCheckReply) message);
        } else {
            listener.connectionMessage(this, message);
        }
    }

    private void onLoginCheckReply(FoscLoginCheckReply reply) {
        if (reply.isOk() || !role.logsIn() || !loggedIn) {
            return;
        }
        LOG.debug("{}: LOGIN_CHECK_REPLY result {}: the login was lost, logging in again", address, reply.result());
        loggedIn = false;
        listener.connectionLoginLost(this);
        login();
    }

    /** Every read burst counts for the stall detector, whole frames or not. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        keepalive.bytesReceived();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void keepaliveDue() {
        if (isOpen()) {
            ctx.writeAndFlush(new FoscLoginCheck(uid)).addListener((ChannelFutureListener) f -> {
                if (!f.isSuccess()) {
                    close(translate(f.cause()));
                }
            });
        }
    }

    @Override
    public boolean reading() {
        return channel.config().isAutoRead();
    }

    @Override
    public void stalled() {
        // silence counts only while reading is on: a camera whose bytes sit unread is not stalled, and the
        // reader-idle time starts again when reading resumes
        close(new FoscStalledException("nothing received from " + address + " for "
                + options.readerIdleTimeout().toMillis() + " ms: the connection stalled"));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        close(translate(cause));
    }

    private FoscException translate(Throwable cause) {
        if (cause instanceof FoscException) {
            return (FoscException) cause;
        }
        if (cause instanceof DecoderException) {
            Throwable reason = cause.getCause() != null && cause.getMessage() == null ? cause.getCause() : cause;
            return new FoscProtocolException("protocol error from " + address + ": " + reason.getMessage(), cause);
        }
        if (cause instanceof IOException) {
            return new FoscConnectionClosedException("connection to " + address + " lost: "
                    + FoscIoErrors.describe(cause), cause);
        }
        return new FoscException("unexpected error on the connection to " + address + ": "
                + FoscIoErrors.describe(cause), cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed = true;
        loggedIn = false;
        Throwable cause = closeCause != null ? closeCause
                : new FoscConnectionClosedException("camera " + address + " closed the connection");
        closeCause = cause;
        keepalive.stop();
        tracker.failAll(cause);
        listener.connectionClosed(this, cause);
        ctx.fireChannelInactive();
    }

    @Override
    public String toString() {
        return "FoscConnectionHandler[" + role + " " + address + (loggedIn ? ", logged in" : "") + "]";
    }
}
