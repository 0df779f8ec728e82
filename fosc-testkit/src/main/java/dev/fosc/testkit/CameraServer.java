package dev.fosc.testkit;

import dev.fosc.codec.FoscCodecOptions;
import dev.fosc.codec.FoscCredentials;
import dev.fosc.codec.FoscLogin;
import dev.fosc.codec.FoscLoginReply;
import dev.fosc.codec.FoscPipelines;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The camera behind a {@link FakeCamera}: the listening socket, its connections and the camera-wide state
 * (logged-in sessions by uid, login rate limit and lock-out, speaker owner, faults for new connections).
 * Everything except the counters, the recorder and the speaker's readable state is confined to the camera's
 * event loop.
 */
final class CameraServer {

    private static final Logger log = LoggerFactory.getLogger(FakeCamera.class);

    /**
     * Outbound buffer marks per connection: above the high mark (not writable) video frames are skipped,
     * audio frames and events dropped and the connection is not read; below the low mark all resumes.
     */
    static final int WRITE_LOW_MARK = 256 * 1024;
    static final int WRITE_HIGH_MARK = 1024 * 1024;
    /** How soon a rebind is retried when the port is not free yet after a reboot fault. */
    static final long REBIND_RETRY_MILLIS = 50;

    private final FakeCameraSettings settings;
    private final EventLoop loop;
    private final FakeCameraStats stats = new FakeCameraStats();
    private final FrameRecorder recorder;
    private final FakeSpeaker speaker;
    private final long startNanos = System.nanoTime();
    private final VideoFrames video;
    private final FoscCodecOptions codecOptions;
    private final AtomicInteger connectionIndex = new AtomicInteger();
    private final boolean fleetMember; // fleet cameras log their start and stop at debug level

    // event loop only
    private final Map<Integer, CameraConnection> open = new LinkedHashMap<>();
    private final Map<Integer, CameraConnection> sessions = new HashMap<>();
    private final List<FakeFault> faultsOnConnect;
    private final Map<dev.fosc.codec.FoscCommand, IgnoreBudget> ignoring = new HashMap<>();
    private CameraConnection speakerOwner;
    private long lastLoginNanos;
    private boolean hadLogin;
    private int wrongPasswords; // consecutive: reset by an accepted login
    private volatile boolean lockedOut;
    private Channel serverChannel;
    private ScheduledFuture<?> motionTimer;
    private ScheduledFuture<?> rebindTimer;
    private boolean rebindWarned;
    private final List<java.util.concurrent.Future<?>> timers = new java.util.concurrent.CopyOnWriteArrayList<>();

    private volatile InetSocketAddress address;
    private volatile boolean started;
    private volatile boolean closed;

    CameraServer(FakeCameraSettings settings, EventLoop loop, boolean fleetMember) {
        this.settings = settings;
        this.fleetMember = fleetMember;
        this.loop = loop;
        this.recorder = new FrameRecorder(settings.record() ? settings.maxRecordedFrames() : 0,
                settings.maxRecordedBytes());
        this.speaker = new FakeSpeaker(settings.speakerBacklog(), settings.maxPlayedFrames());
        this.video = VideoFrames.of(settings.clip(), settings.fps(), settings.videoBitRate());
        this.codecOptions = FoscCodecOptions.builder().preamble(settings.preamble())
                .maxPayloadLength(settings.maxPayloadLength()).build();
        this.faultsOnConnect = new ArrayList<>(settings.faultsOnConnect());
    }

    // ---- lifecycle -----------------------------------------------------------------------------------------

    synchronized void start() {
        if (closed) {
            throw new IllegalStateException("the fake camera is closed");
        }
        if (started) {
            throw new IllegalStateException("the fake camera is already started");
        }
        ChannelFuture bound = bind(settings.port()).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            Throwable cause = bound.cause();
            IOException io = cause instanceof IOException ? (IOException) cause
                    : new BindException("cannot listen on " + settings.bindAddress() + ":" + settings.port() + ": "
                    + cause);
            throw new UncheckedIOException("fake camera cannot listen on " + settings.bindAddress().getHostAddress()
                    + ":" + settings.port(), io);
        }
        serverChannel = bound.channel();
        address = (InetSocketAddress) serverChannel.localAddress();
        started = true;
        if (settings.motionEvery() != null) {
            long period = settings.motionEvery().toNanos();
            runOnLoop(() -> motionTimer = loop.scheduleAtFixedRate(() -> sendEvent(FakeEvent.motion()), period, period,
                    TimeUnit.NANOSECONDS));
        }
        if (fleetMember) {
            log.debug("fake camera '{}' ({}) accepting connections on {}:{}", settings.name(), settings.profile(),
                    address.getAddress().getHostAddress(), address.getPort());
        } else {
            log.info("fake camera '{}' ({}) accepting connections on {}:{}", settings.name(), settings.profile(),
                    address.getAddress().getHostAddress(), address.getPort());
        }
    }

    private ChannelFuture bind(int port) {
        ServerBootstrap b = new ServerBootstrap()
                .group(loop, loop)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(WRITE_LOW_MARK, WRITE_HIGH_MARK))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        initConnection(ch);
                    }
                });
        return b.bind(settings.bindAddress(), port);
    }

    private void initConnection(SocketChannel ch) {
        CameraConnection connection = new CameraConnection(this, connectionIndex.getAndIncrement(), ch);
        ChannelPipeline p = ch.pipeline();
        p.addLast(ClientIdleHandler.NAME, new ClientIdleHandler(settings.idleTimeout().toNanos(), connection::idle));
        FoscPipelines.installCamera(p, codecOptions);
        p.addBefore(FoscPipelines.CODEC, "fake-tap", new FrameTap(connection));
        p.addLast("fake-camera", connection);
    }

    void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (!loop.isShuttingDown()) {
            try {
                runOnLoop("FakeCamera.close", () -> {
                    cancel(motionTimer);
                    cancel(rebindTimer);
                    for (java.util.concurrent.Future<?> t : timers) {
                        t.cancel(false);
                    }
                    if (serverChannel != null) {
                        serverChannel.close();
                    }
                    closeConnections();
                });
            } catch (IllegalStateException e) {
                // the loop is shutting down (runOnLoop turns its RejectedExecutionException into this, the
                // window between isShuttingDown() and submit included): its channels close with it
            }
        }
        if (address != null && !fleetMember) {
            log.info("fake camera '{}' on port {} closed", settings.name(), address.getPort());
        }
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }

    /** Remembers a timer a test scheduled, to cancel it when the camera closes (a fleet's loops outlive it). */
    <T extends java.util.concurrent.Future<?>> T track(T timer) {
        timers.add(timer);
        timers.removeIf(java.util.concurrent.Future::isDone);
        return timer;
    }

    /** Runs {@code task} on the event loop and waits for it (for the package's own callers). */
    void runOnLoop(Runnable task) {
        runOnLoop("FakeCamera", task);
    }

    /**
     * Runs {@code task} on the event loop and waits for it; directly if already there.
     *
     * @param method the public method, for the refusal's message
     * @throws IllegalStateException on another event loop's thread (waiting there could deadlock and stalls
     *     that loop's channels: {@link FakeCamera#schedule} is the asynchronous way), or if the loop is shut down
     */
    void runOnLoop(String method, Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
            return;
        }
        if (io.netty.util.internal.ThreadExecutorMap.currentExecutor() != null) {
            throw new IllegalStateException(method + " waits for the camera's event loop and must not be called "
                    + "on another event-loop thread (" + Thread.currentThread().getName() + "): call it from a test "
                    + "thread, or use FakeCamera.schedule(fault, Duration.ZERO), which does not wait");
        }
        if (loop.isShuttingDown()) {
            throw new IllegalStateException("the fake camera's event loop is shut down");
        }
        try {
            loop.submit(task).syncUninterruptibly();
        } catch (RejectedExecutionException e) { // shut down after the check above
            throw new IllegalStateException("the fake camera's event loop is shut down", e);
        }
    }

    /** Schedules {@code task} on the event loop without waiting; remembered to be cancelled when closing. */
    java.util.concurrent.Future<?> scheduleOnLoop(Runnable task, long delayNanos, long periodNanos) {
        try {
            ScheduledFuture<?> f = periodNanos > 0
                    ? loop.scheduleAtFixedRate(task, delayNanos, periodNanos, TimeUnit.NANOSECONDS)
                    : loop.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
            return track(f);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the fake camera's event loop is shut down (camera closed?)", e);
        }
    }

    /**
     * Waits until the event loop has been through its selector twice. Java NIO defers the kernel close of a
     * registered socket until the selector's next pass, so the port refuses connections only after that.
     * Does nothing on the event loop itself.
     */
    void awaitSelectorPass() {
        if (loop.inEventLoop() || loop.isShuttingDown()) {
            return;
        }
        try {
            for (int i = 0; i < 2; i++) {
                loop.schedule(() -> { }, 1, TimeUnit.MILLISECONDS).syncUninterruptibly();
            }
        } catch (RejectedExecutionException e) {
            // shut down meanwhile: its sockets are closed with it
        }
    }

    // ---- accessors -----------------------------------------------------------------------------------------

    FakeCameraSettings settings() {
        return settings;
    }

    EventLoop loop() {
        return loop;
    }

    FakeCameraStats stats() {
        return stats;
    }

    FrameRecorder recorder() {
        return recorder;
    }

    FakeSpeaker speaker() {
        return speaker;
    }

    VideoFrames video() {
        return video;
    }

    List<FakeFault> faultsOnConnect() {
        return faultsOnConnect;
    }

    InetSocketAddress address() {
        InetSocketAddress a = address;
        if (a == null) {
            throw new IllegalStateException("the fake camera is not started");
        }
        return a;
    }

    InetSocketAddress addressOrNull() {
        return address;
    }

    int connectionCount() {
        return connectionIndex.get();
    }

    int openConnectionCount() {
        return stats.openConnections.get();
    }

    boolean isLockedOut() {
        return lockedOut;
    }

    /** Milliseconds since the camera was created: the media timestamps' clock. */
    long uptimeMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    // ---- connections (event loop) --------------------------------------------------------------------------

    void opened(CameraConnection c) {
        open.put(c.index(), c);
        stats.openConnections.incrementAndGet();
        for (FakeFault f : faultsOnConnect) {
            c.apply(f);
        }
    }

    void closed(CameraConnection c) {
        if (open.remove(c.index()) != null) {
            stats.openConnections.decrementAndGet();
        }
        if (c.isLoggedIn()) {
            sessions.remove(c.uid(), c);
        }
        if (speakerOwner == c) {
            speakerOwner = null;
        }
    }

    /** Whether connection {@code index} is open and being read (auto-read on). Any thread; for tests. */
    boolean isReading(int index) {
        boolean[] reading = new boolean[1];
        runOnLoop("isReading", () -> {
            CameraConnection c = open.get(index);
            reading[0] = c != null && c.channel().config().isAutoRead();
        });
        return reading[0];
    }

    void closeConnections() {
        for (CameraConnection c : new ArrayList<>(open.values())) {
            c.channel().close();
        }
    }

    // ---- login (event loop) --------------------------------------------------------------------------------

    /** Decides a login; on success registers the connection's uid as a session. */
    FoscLoginReply login(CameraConnection c, FoscLogin login) {
        stats.loginAttempts.incrementAndGet();
        long now = System.nanoTime();
        boolean tooSoon = hadLogin && !settings.loginInterval().isZero()
                && now - lastLoginNanos < settings.loginInterval().toNanos();
        hadLogin = true;
        lastLoginNanos = now;
        String reason = null;
        if (lockedOut) {
            reason = "locked out";
        } else if (!login.credentials().equals(settings.credentials())) {
            wrongPasswords++;
            reason = "wrong user or password";
            if (settings.lockOutAfter() > 0 && wrongPasswords >= settings.lockOutAfter()) {
                lockedOut = true;
                reason = "wrong user or password; now locked out after " + wrongPasswords + " in a row";
            }
        } else if (tooSoon) {
            reason = "too soon after the previous login (rate limit)";
        }
        if (reason != null) {
            stats.refusedLogins.incrementAndGet();
            log.debug("fake camera '{}': connection #{} login refused: {}", settings.name(), c.index(), reason);
            return settings.profile().refusal();
        }
        stats.logins.incrementAndGet();
        wrongPasswords = 0; // the lock-out counts consecutive wrong passwords, as cameras do
        if (c.isLoggedIn() && c.uid() != login.uid()) {
            sessions.remove(c.uid(), c); // logged in again with a new uid: the old session ends
        }
        sessions.put(login.uid(), c);
        return FoscLoginReply.accepted(settings.presets(), settings.cruises(), settings.cameraId());
    }

    /** Ends the session of a logged-in connection whose new login was refused. */
    void endSession(CameraConnection c) {
        sessions.remove(c.uid(), c);
    }

    void resetLoginGate() {
        lockedOut = false;
        wrongPasswords = 0;
        hadLogin = false;
    }

    boolean credentialsMatch(FoscCredentials credentials) {
        return settings.credentials().equals(credentials);
    }

    boolean isSession(int uid) {
        return sessions.containsKey(uid);
    }

    boolean hasSessions() {
        return !sessions.isEmpty();
    }

    /** Gives the speaker to {@code c} if nobody else holds it. */
    boolean claimSpeaker(CameraConnection c) {
        if (speakerOwner != null && speakerOwner != c) {
            return false;
        }
        speakerOwner = c;
        return true;
    }

    void releaseSpeaker(CameraConnection c) {
        if (speakerOwner == c) {
            speakerOwner = null;
        }
    }

    boolean holdsSpeaker(CameraConnection c) {
        return speakerOwner == c;
    }

    // ---- events and faults (event loop) --------------------------------------------------------------------

    void sendEvent(FakeEvent event) {
        for (CameraConnection c : open.values()) {
            if (c.isLoggedIn()) {
                c.sendEvent(event);
            }
        }
    }

    void inject(FakeFault fault) {
        if (fault.isCameraWide()) {
            injectCameraWide(fault);
            return;
        }
        for (CameraConnection c : new ArrayList<>(open.values())) {
            c.apply(fault);
        }
    }

    void inject(FakeFault fault, int index) {
        if (fault.isCameraWide()) {
            injectCameraWide(fault);
            return;
        }
        CameraConnection c = open.get(index);
        if (c == null) {
            throw new IllegalArgumentException("connection #" + index + " is not open; open: " + open.keySet());
        }
        c.apply(fault);
    }

    private void injectCameraWide(FakeFault fault) {
        switch (fault.kind()) {
            case REFUSE_CONNECTIONS:
                reboot(fault.duration());
                break;
            case IGNORE_REQUESTS:
                log.debug("{}: fault {}", label(), fault);
                IgnoreBudget budget = ignoring.computeIfAbsent(fault.command(), k -> new IgnoreBudget());
                if (fault.count() > 0) {
                    budget.remaining += fault.count();
                } else {
                    long until = System.nanoTime() + fault.duration().toNanos();
                    if (budget.untilNanos == 0 || until - budget.untilNanos > 0) {
                        budget.untilNanos = until;
                    }
                }
                break;
            default:
                throw new IllegalArgumentException("not a camera-wide fault: " + fault);
        }
    }

    /**
     * Whether a request of {@code command} is to be ignored (an {@link FakeFault.Kind#IGNORE_REQUESTS} fault);
     * uses up one of the budget's requests if so. Counted.
     */
    boolean ignores(dev.fosc.codec.FoscCommand command) {
        IgnoreBudget budget = ignoring.get(command);
        if (budget == null) {
            return false;
        }
        boolean ignore;
        if (budget.untilNanos != 0 && budget.untilNanos - System.nanoTime() > 0) {
            ignore = true;
        } else {
            budget.untilNanos = 0;
            ignore = budget.remaining > 0;
            if (ignore) {
                budget.remaining--;
            }
        }
        if (budget.remaining == 0 && budget.untilNanos == 0) {
            ignoring.remove(command);
        }
        if (ignore) {
            stats.ignoredRequests.incrementAndGet();
        }
        return ignore;
    }

    /** What is left of the ignore faults for one command: a number of requests and/or a deadline (0: none). */
    private static final class IgnoreBudget {
        int remaining;
        long untilNanos;
    }

    /** Closes everything, refuses connections for {@code downtime}, then listens on the same port again. */
    private void reboot(Duration downtime) {
        if (closed || serverChannel == null) {
            return;
        }
        log.info("fake camera '{}' on port {}: rebooting, refusing connections for {}", settings.name(),
                address.getPort(), downtime);
        serverChannel.close();
        serverChannel = null;
        closeConnections();
        resetLoginGate();
        sessions.clear();
        speakerOwner = null;
        cancel(rebindTimer);
        rebindTimer = loop.schedule(this::rebind, downtime.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void rebind() {
        if (closed) {
            return;
        }
        bind(address.getPort()).addListener((ChannelFuture f) -> {
            if (closed) {
                f.channel().close();
            } else if (f.isSuccess()) {
                serverChannel = f.channel();
                rebindWarned = false;
                log.info("fake camera '{}' accepting connections again on port {}", settings.name(), address.getPort());
            } else {
                if (!rebindWarned) { // once: the port may stay taken for a while
                    rebindWarned = true;
                    log.warn("fake camera '{}': cannot listen again on port {} yet ({}); retrying every {} ms",
                            settings.name(), address.getPort(), f.cause().toString(), REBIND_RETRY_MILLIS);
                }
                rebindTimer = loop.schedule(this::rebind, REBIND_RETRY_MILLIS, TimeUnit.MILLISECONDS);
            }
        });
    }

    /** A short label for log lines. */
    String label() {
        InetSocketAddress a = address;
        return "fake camera '" + settings.name() + "'" + (a == null ? "" : " on port " + a.getPort());
    }
}
