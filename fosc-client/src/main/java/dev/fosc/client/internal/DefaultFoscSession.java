package dev.fosc.client.internal;

import dev.fosc.client.FoscAudioFrame;
import dev.fosc.client.FoscConnectException;
import dev.fosc.client.FoscConnectionMode;
import dev.fosc.client.FoscEvent;
import dev.fosc.client.FoscException;
import dev.fosc.client.FoscLoginEvent;
import dev.fosc.client.FoscLoginInfo;
import dev.fosc.client.FoscQuirks;
import dev.fosc.client.FoscSession;
import dev.fosc.client.FoscSessionClosedException;
import dev.fosc.client.FoscSessionListener;
import dev.fosc.client.FoscSessionOptions;
import dev.fosc.client.FoscSessionState;
import dev.fosc.client.FoscSessionStats;
import dev.fosc.client.FoscStream;
import dev.fosc.client.FoscTalk;
import dev.fosc.client.FoscTalkOptions;
import dev.fosc.client.FoscVideoFrame;
import dev.fosc.codec.FoscAudioData;
import dev.fosc.codec.FoscLoginReply;
import dev.fosc.codec.FoscMalformedPayloadException;
import dev.fosc.codec.FoscMessage;
import dev.fosc.codec.FoscVideoData;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

import static dev.fosc.client.internal.FoscFutures.forward;

/**
 * The {@link FoscSession} implementation: the session state machine (connect, log in, restore, reconnect, close)
 * pinned to one event loop. It hands the connections (one, or the SDK's control + media pair) to
 * {@link FoscConnectionPair}, the reconnect timing and the refused-login policy to {@link FoscReconnectScheduler},
 * and the wanted media with its waiting calls to {@link FoscMediaRequests}.
 *
 * <p>Threading: every field without {@code volatile} (and the helpers') is touched only on the session's loop;
 * public methods may be called from any thread and hand their work to it.
 */
public final class DefaultFoscSession implements FoscSession, FoscConnectionListener {

    private static final Logger LOG = LoggerFactory.getLogger(FoscSession.class);

    private final FoscSessionOptions options;
    private final FoscQuirks quirks;
    private final FoscQuirkLearner quirkLearner;
    private final EventLoop loop;
    private final InetSocketAddress remote;
    private final String address;
    private final int uid;
    private final FoscSessionCounters counters = new FoscSessionCounters();
    private final FoscDelivery delivery;
    private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();
    private final Consumer<DefaultFoscSession> terminated;

    private volatile FoscSessionState state = FoscSessionState.NEW;
    private volatile FoscLoginInfo loginInfo;
    private volatile boolean closeRequested;
    private volatile Throwable terminalCause;
    private final AtomicReference<Object> attachment = new AtomicReference<>();

    private final FoscReconnectScheduler reconnects;
    private final FoscSessionLog log;
    private final FoscMediaRequests mediaRequests;
    private final FoscConnectionPair connections;

    private CompletableFuture<FoscLoginInfo> connectFuture;
    private DefaultFoscTalk talk;

    /**
     * @param loop the event loop the session lives on
     * @param channelType the socket channel type that fits {@code loop}
     * @param listener the application's listener
     * @param terminated told once when the session closed or failed for good (on the loop)
     * @param random uniform values in [0, 1) for the backoff jitter (called on the loop)
     * @param resolver resolves the camera's host name (see {@link FoscTransport#newResolverGroup}); the caller
     *     owns it
     */
    public DefaultFoscSession(FoscSessionOptions options, EventLoop loop, Class<? extends Channel> channelType,
                              FoscSessionListener listener, Consumer<DefaultFoscSession> terminated,
                              DoubleSupplier random, AddressResolverGroup<InetSocketAddress> resolver) {
        Objects.requireNonNull(resolver, "resolver");
        this.options = Objects.requireNonNull(options, "options");
        this.quirks = options.quirks();
        this.quirkLearner = new FoscQuirkLearner(quirks, options.learnsSpeakerOnLength(),
                options.learnsVideoOnStreamByte());
        this.loop = Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(channelType, "channelType");
        this.remote = InetSocketAddress.createUnresolved(options.host(), options.port());
        String host = options.host().indexOf(':') >= 0 && !options.host().startsWith("[")
                ? "[" + options.host() + "]" : options.host();
        this.address = host + ":" + options.port();
        this.uid = options.uid() != null ? options.uid() : java.util.concurrent.ThreadLocalRandom.current().nextInt();
        this.terminated = terminated;
        this.reconnects = new FoscReconnectScheduler(options.reconnectPolicy(), loop, random);
        this.log = new FoscSessionLog(LOG, address, reconnects::nanoTime);
        this.connections = new FoscConnectionPair(options, loop, channelType, resolver, remote, address, uid, this,
                this::connectFailed);
        this.mediaRequests = new FoscMediaRequests(options, quirkLearner, uid, address, this::mediaConnection,
                this::openMediaIfWanted, connections::audioMayFlow,
                () -> state != FoscSessionState.DISCONNECTED, loop, this::readingPaused);
        this.delivery = new FoscDelivery(this, address, options,
                listener != null ? listener : new FoscSessionListener() { }, loop, counters, this::applyReading);
    }

    // ---------------------------------------------------------------- public API (any thread)

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public FoscSessionOptions options() {
        return options;
    }

    @Override
    public EventLoop eventLoop() {
        return loop;
    }

    @Override
    public FoscSessionState state() {
        return state;
    }

    @Override
    public FoscLoginInfo loginInfo() {
        return loginInfo;
    }

    @Override
    public FoscSessionStats stats() {
        return counters.snapshot();
    }

    @Override
    public FoscQuirks quirks() {
        return quirkLearner.current();
    }

    /** The live counters behind {@link #stats()}, for the client's sums. */
    FoscSessionCounters counters() {
        return counters;
    }

    /**
     * The bytes the session's {@code Flow} subscriber buffers hold now, as counted against the byte water marks
     * (receive buffers pinned by retained slices, decoded PCM, events at a nominal size). Any thread.
     */
    @Override
    public long bufferedBytes() {
        return delivery.bufferedBytes();
    }

    /** The session uid sent in LOGIN, VIDEO_ON and LOGIN_CHECK. */
    public int uid() {
        return uid;
    }

    @Override
    public CompletableFuture<FoscLoginInfo> connect() {
        return whileOpen(result -> {
            if (state == FoscSessionState.CONNECTED) {
                result.complete(loginInfo);
                return;
            }
            if (state == FoscSessionState.NEW || state == FoscSessionState.DISCONNECTED) {
                connectFuture = new CompletableFuture<>();
                startAttempt();
            } else if (connectFuture == null || connectFuture.isDone()) {
                // (re)connecting after an earlier login: wait for the next login, not the old one's info
                connectFuture = new CompletableFuture<>();
            }
            forward(connectFuture, result);
        });
    }

    @Override
    public CompletableFuture<Void> videoOn(FoscStream stream) {
        Objects.requireNonNull(stream, "stream");
        return whileOpen(result -> mediaRequests.videoOn(stream, result));
    }

    @Override
    public CompletableFuture<Void> videoOff() {
        return whileOpen(result -> {
            if (mediaRequests.wantsVideo()) {
                delivery.videoInterrupted();
            }
            mediaRequests.videoOff(result);
        });
    }

    @Override
    public Object attach(Object value) {
        return attachment.getAndSet(value);
    }

    @Override
    public Object attachment() {
        return attachment.get();
    }

    @Override
    public CompletableFuture<Void> audioOn() {
        return whileOpen(mediaRequests::audioOn);
    }

    @Override
    public CompletableFuture<Void> audioOff() {
        return whileOpen(mediaRequests::audioOff);
    }

    @Override
    public CompletableFuture<FoscTalk> openTalk(FoscTalkOptions talkOptions) {
        Objects.requireNonNull(talkOptions, "talkOptions");
        return whileOpen(result -> {
            FoscConnectionHandler conn = state == FoscSessionState.CONNECTED ? connections.control() : null;
            if (conn == null) {
                result.completeExceptionally(new FoscException("session to " + address + " is not connected ("
                        + state + "): a talk needs a logged-in connection; connect first"));
            } else if (talk != null) {
                result.completeExceptionally(new FoscException("a talk is already open on the session to " + address
                        + ": the camera takes one talker at a time; close it first"));
            } else {
                talk = new DefaultFoscTalk(talkOptions, options, address, uid, loop, conn, quirkLearner, counters,
                        t -> {
                            if (talk == t) {
                                talk = null;
                            }
                        });
                talk.open(result);
            }
        });
    }

    @Override
    public CompletableFuture<Void> close() {
        closeRequested = true;
        if (state.isTerminal()) {
            return closeFuture;
        }
        if (!onLoop(this::doClose)) {
            // the event loop is gone (its group was shut down), and its channels were closed with it: nothing is
            // left to close, and nothing can run on the loop any more
            if (terminalCause == null) {
                terminalCause = loopGone();
            }
            state = FoscSessionState.CLOSED;
            if (terminated != null) {
                terminated.accept(this);
            }
            closeFuture.complete(null);
        }
        return closeFuture;
    }

    @Override
    public Flow.Publisher<FoscVideoFrame> videoFrames() {
        return delivery.video();
    }

    @Override
    public Flow.Publisher<FoscAudioFrame> audioFrames() {
        return delivery.audio();
    }

    @Override
    public Flow.Publisher<FoscEvent> events() {
        return delivery.events();
    }

    @Override
    public String toString() {
        return "FoscSession[" + address + ", " + state + "]";
    }

    // ---------------------------------------------------------------- state machine (event loop)

    private void startAttempt() {
        setState(FoscSessionState.CONNECTING, null);
        if (isOver()) {
            return; // the listener closed the session from onStateChanged
        }
        connections.openControl();
    }

    private void openMediaIfWanted() {
        if (state == FoscSessionState.CONNECTED && mediaRequests.wantsMedia()) {
            connections.openMediaIfMissing();
        }
    }

    private void connectFailed(FoscConnectionHandler handler, Throwable cause) {
        if (!connections.isCurrent(handler)) {
            return;
        }
        lost(handler, new FoscConnectException("cannot connect to " + address + ": " + FoscIoErrors.describe(cause),
                cause), FoscReconnectScheduler.Wait.BACKOFF);
    }

    @Override
    public void connectionActive(FoscConnectionHandler connection) {
        if (!connections.isCurrent(connection)) {
            return;
        }
        if (connection.role().logsIn()) {
            reconnects.loginSent();
            setState(FoscSessionState.LOGGING_IN, null);
        } else {
            connections.markMediaReady();
            applyReading();
            mediaRequests.restore(connection);
        }
    }

    @Override
    public void connectionLoggedIn(FoscConnectionHandler connection, FoscLoginReply reply) {
        if (!connections.isControl(connection)) {
            return;
        }
        FoscLoginInfo info = new FoscLoginInfo(reply.cameraId(), reply.presets(), reply.cruises());
        loginInfo = info;
        counters.logins++;
        reconnects.loggedIn(() -> connections.isControl(connection) && state == FoscSessionState.CONNECTED);
        applyReading();
        setState(FoscSessionState.CONNECTED, null, -1, info.cameraId().isEmpty() ? null : "camera " + info.cameraId());
        if (isOver()) {
            return; // the listener closed the session from onStateChanged: nothing to restore
        }
        restore();
        delivery.event(new FoscLoginEvent(Instant.now(), info));
        if (connectFuture != null && !connectFuture.isDone()) {
            connectFuture.complete(info);
        }
    }

    @Override
    public void connectionLoginRefused(FoscConnectionHandler connection, FoscLoginReply reply) {
        if (!connections.isControl(connection)) {
            return;
        }
        FoscReconnectScheduler.Refusal refusal = reconnects.loginRefused(reply, address, userName());
        counters.loginRefused(reply, refusal.isFinal());
        refused(connection, refusal);
    }

    @Override
    public void connectionLoginInvalid(FoscConnectionHandler connection, FoscMalformedPayloadException cause) {
        if (!connections.isControl(connection)) {
            return;
        }
        counters.loginsMalformed++;
        // docs/protocol.md §3: a LOGIN_REPLY too short to hold a result means "not logged in": a refusal like any other
        refused(connection, reconnects.loginInvalid(cause, address, userName()));
    }

    /** A refused login: final on the first login of the session, else a wait before the next attempt. */
    private void refused(FoscConnectionHandler connection, FoscReconnectScheduler.Refusal refusal) {
        if (refusal.isFinal()) {
            terminate(FoscSessionState.FAILED, refusal.cause(), refusal.cause());
        } else {
            lost(connection, refusal.cause(), refusal.next());
        }
    }

    private String userName() {
        return "user '" + options.credentials().user() + "'";
    }

    @Override
    public void connectionLoginLost(FoscConnectionHandler connection) {
        if (connections.isControl(connection)) {
            reconnects.cancelStableTimer();
            reconnects.loginSent(); // the connection has sent LOGIN again
            FoscException loginLost = new FoscException("camera " + address
                    + " reported the login lost (LOGIN_CHECK_REPLY 1)");
            interruptTalk(loginLost); // its speaker grant went with the login: talk data would play nothing
            setState(FoscSessionState.LOGGING_IN, loginLost);
        }
    }

    @Override
    public void connectionVideo(FoscConnectionHandler connection, DefaultFoscVideoFrame frame) {
        if (!connections.isCurrent(connection) || isOver() || !mediaRequests.wantsVideo()) {
            frame.release(); // after videoOff: what the camera still sends is dropped (see connectionMessage)
            return;
        }
        mediaRequests.videoArrived();
        delivery.video(frame, mediaRequests.deliveryStream());
    }

    @Override
    public void connectionMessage(FoscConnectionHandler connection, FoscMessage message) {
        if (!connections.isCurrent(connection) || isOver()) {
            ReferenceCountUtil.release(message);
            return;
        }
        if (message instanceof FoscVideoData) {
            if (!mediaRequests.wantsVideo()) {
                // videoOff: the camera has no command to stop it, so what it still sends is dropped here (not
                // counted in the stats, which count what was delivered)
                ReferenceCountUtil.release(message);
                return;
            }
            mediaRequests.videoArrived();
        } else if (message instanceof FoscAudioData) {
            mediaRequests.audioArrived();
        }
        delivery.message(message, mediaRequests.deliveryStream(), connection.channel().alloc());
    }

    @Override
    public void connectionClosed(FoscConnectionHandler connection, Throwable cause) {
        if (connections.isCurrent(connection)) {
            if (state == FoscSessionState.LOGGING_IN && connection.role().logsIn()) {
                counters.loginsUnanswered++; // no reply in time, or the camera hung up on the LOGIN
            }
            lost(connection, cause, FoscReconnectScheduler.Wait.BACKOFF);
        }
    }

    /**
     * A connection was lost (or never came up, or its login was refused): drop both, then wait {@code wait} and
     * reconnect, or give up. Before the first login the {@code connect()} future fails with {@code cause}, whether
     * the session goes on trying or not.
     */
    private void lost(FoscConnectionHandler connection, Throwable cause, FoscReconnectScheduler.Wait wait) {
        reconnects.cancelStableTimer();
        interruptTalk(cause);
        mediaRequests.forgetInFlight();
        delivery.videoInterrupted();
        connections.dropAll(connection, cause);
        mediaRequests.audioOffDone(); // the next connection starts without audio
        if (isOver()) {
            return;
        }
        if (!reconnects.shouldReconnect(wait)) {
            setState(FoscSessionState.DISCONNECTED, cause);
            failConnectFuture(cause);
            mediaRequests.failWaiters(cause);
            return;
        }
        long delay = reconnects.nextDelayNanos(wait);
        FoscSessionState waiting = wait == FoscReconnectScheduler.Wait.CREDENTIALS_SUSPECT
                ? FoscSessionState.CREDENTIALS_SUSPECT : FoscSessionState.RECONNECTING;
        setState(waiting, cause, delay, FoscIoErrors.describe(cause));
        if (isOver()) {
            return; // closed from onStateChanged
        }
        if (!reconnects.everLoggedIn()) {
            failConnectFuture(cause); // the outcome of the attempt connect() started; the session keeps trying
        }
        reconnects.schedule(delay, () -> {
            if (state == waiting && !closeRequested) {
                counters.reconnects++;
                startAttempt();
            }
        });
    }

    private void failConnectFuture(Throwable cause) {
        if (connectFuture != null && !connectFuture.isDone()) {
            connectFuture.completeExceptionally(cause);
        }
    }

    /** After a login: turn on again what the application wanted. */
    private void restore() {
        if (quirks.connectionMode() == FoscConnectionMode.SINGLE) {
            mediaRequests.restore(connections.control());
        } else if (connections.media() == null) {
            openMediaIfWanted();
            if (connections.media() == null) {
                mediaRequests.audioOffDone(); // no media connection: no audio flows
            }
        } else if (connections.mediaReady()) {
            mediaRequests.restore(connections.media());
        }
    }

    /** The connection media requests go to, or {@code null} when there is none ready. */
    private FoscConnectionHandler mediaConnection() {
        return state == FoscSessionState.CONNECTED ? connections.mediaTarget() : null;
    }

    private boolean readingPaused() {
        return delivery.readingPaused();
    }

    /** Reading follows the subscribers' buffers: off while one is full. */
    private void applyReading() {
        connections.setAutoRead(!delivery.readingPaused());
    }

    private void doClose() {
        if (state.isTerminal()) {
            return;
        }
        FoscSessionClosedException ex = new FoscSessionClosedException("session to " + address
                + " closed by the application");
        terminate(FoscSessionState.CLOSED, ex, null);
    }

    /** Ends the session: closes the connections (CLOSE first when logged in), fails what waits. */
    private void terminate(FoscSessionState end, Throwable cause, Throwable reported) {
        terminalCause = cause;
        reconnects.cancel();
        interruptTalk(cause);
        List<ChannelFuture> closing = connections.closeAll(end == FoscSessionState.CLOSED, cause);
        setState(end, reported);
        if (connectFuture != null && !connectFuture.isDone()) {
            connectFuture.completeExceptionally(cause);
        }
        mediaRequests.failAllWaiters(cause);
        if (end == FoscSessionState.CLOSED) {
            delivery.complete();
        } else {
            delivery.fail(cause);
        }
        if (terminated != null) {
            terminated.accept(this);
        }
        if (closing.isEmpty()) {
            closeFuture.complete(null);
            return;
        }
        AtomicInteger left = new AtomicInteger(closing.size());
        for (ChannelFuture f : closing) {
            f.addListener(x -> {
                if (left.decrementAndGet() == 0) {
                    closeFuture.complete(null);
                }
            });
        }
    }

    /** A talk does not outlive its connection: it ends with an interrupted outcome, never resumed. */
    private void interruptTalk(Throwable cause) {
        DefaultFoscTalk t = talk;
        talk = null;
        if (t != null) {
            t.interrupted(cause);
        }
    }

    private void setState(FoscSessionState to, Throwable cause) {
        setState(to, cause, -1, cause == null ? null : FoscIoErrors.describe(cause));
    }

    /**
     * @param nextAttemptNanos the delay before the next attempt when {@code to} waits for one, else -1
     * @param detail the cause as a sentence, or a detail of the step, for the log; or {@code null}
     */
    private void setState(FoscSessionState to, Throwable cause, long nextAttemptNanos, String detail) {
        FoscSessionState from = state;
        state = to;
        log.changed(from, to, detail, nextAttemptNanos);
        delivery.stateChanged(from, to, cause);
    }

    // ---------------------------------------------------------------- helpers

    private boolean isOver() {
        return closeRequested || state.isTerminal();
    }

    /**
     * The common prologue of the public requests: throws {@link FoscSessionClosedException} if the session is over
     * already, else runs {@code body} on the loop with a new result future, unless the session ended meanwhile (or
     * the loop is gone), which fails the result instead.
     */
    private <T> CompletableFuture<T> whileOpen(Consumer<CompletableFuture<T>> body) {
        if (isOver()) {
            throw closedException();
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        onLoopOrFail(result, () -> {
            if (isOver()) {
                result.completeExceptionally(closedException());
                return;
            }
            body.accept(result);
        });
        return result;
    }

    private FoscSessionClosedException closedException() {
        Throwable cause = terminalCause;
        if (cause instanceof FoscSessionClosedException) {
            return new FoscSessionClosedException(cause.getMessage());
        }
        if (cause != null) {
            return new FoscSessionClosedException("session to " + address + " ended: " + cause.getMessage(), cause);
        }
        return new FoscSessionClosedException("session to " + address + " closed by the application");
    }

    /** Runs {@code task} on the loop (now if already there); false if the loop refused it (shut down). */
    private boolean onLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
            return true;
        }
        try {
            loop.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Runs {@code task} on the loop, or fails {@code result} with a {@link FoscSessionClosedException}. */
    private void onLoopOrFail(CompletableFuture<?> result, Runnable task) {
        if (!onLoop(task)) {
            result.completeExceptionally(loopGone());
        }
    }

    private FoscSessionClosedException loopGone() {
        return new FoscSessionClosedException("the event loop of the session to " + address + " is shut down");
    }
}
