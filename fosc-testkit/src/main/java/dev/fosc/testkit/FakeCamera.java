package dev.fosc.testkit;

import dev.fosc.codec.FoscCommand;
import dev.fosc.codec.FoscCredentials;
import dev.fosc.codec.FoscFrameDecoder;
import dev.fosc.codec.FoscLoginReply;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * An embedded fake Foscam HD camera: a Netty server on loopback that speaks the camera side of the FOSC
 * protocol (docs/protocol.md §6) with the quirks of a chosen {@link FakeCameraProfile}, streams a real H.264 clip,
 * records what it receives and misbehaves on request. Modelled on OkHttp's MockWebServer: one object, an
 * ephemeral port, script → run → verify.
 *
 * <pre>{@code
 * try (FakeCamera camera = FakeCamera.builder().user("admin").password("secret").start()) {
 *     // connect to camera.host():camera.port(), log in, ask for video...
 *     FakeRecordedFrame login = camera.takeFrame(FoscCommand.LOGIN, Duration.ofSeconds(5));
 *     assertEquals(1, camera.loginCount());
 * }
 * }</pre>
 *
 * <h2>What it does</h2>
 * <ul>
 *   <li>Reads the SERVERPUSH preamble in every form (or none, {@link Builder#preamble(boolean)}), optionally
 *       answers it with {@code HTTP/1.1 200 OK}.</li>
 *   <li>LOGIN → LOGIN_REPLY (presets, cruises, camera id) or a refusal in the profile's form; LOGIN_CHECK → 29
 *       (0 while the connection or its uid is logged in, else 1).</li>
 *   <li>VIDEO_ON → 16, then one VIDEO_DATA per access unit of the clip at {@link Builder#fps(int)}, looped,
 *       starting with the clip's first key frame, with a media header (timestamp in ms since the camera
 *       started, key flag, width, height, frame rate, bit rate). A VIDEO_ON is accepted on a logged-in connection or,
 *       as
 *       Foscam's SDK does it, on a connection that never logged in but carries the uid of a logged-in
 *       session; its credentials must match.</li>
 *   <li>AUDIO_ON → 18, then one AUDIO_DATA every 60 ms (a 1 kHz tone, PCM or G.726 per profile); AUDIO_OFF
 *       stops it. SPEAKER_ON → 20 (status 0, or 1 for a wrong size, wrong credentials or a speaker in use);
 *       TALK_DATA feeds the {@link #speaker()}; SPEAKER_OFF → 21. CLOSE closes the connection.</li>
 *   <li>Events ({@link FakeEvent}) to every logged-in connection, now or on a schedule.</li>
 *   <li>Back-pressure: while a connection is not writable (its client does not read), video frames are
 *       skipped until the next key frame, audio frames and events are dropped (all counted) and the camera
 *       stops reading that connection, so nothing queues without bound.</li>
 *   <li>Connections from which nothing arrives for {@link Builder#idleTimeout(Duration)} are closed; only the
 *       client's bytes count, and only while the camera reads them (not while back-pressure paused it).</li>
 *   <li>Records every frame it receives ({@link #recordedFrames()}, {@link #takeFrame}), up to
 *       {@link Builder#maxRecordedFrames(int)} frames and {@link Builder#maxRecordedBytes(long)} bytes (later
 *       frames are counted only); {@link Builder#record(boolean) record(false)} turns it off.</li>
 *   <li>Bad input (bad magic, oversized length, bad preamble) closes only that connection, with one log line;
 *       unknown commands are recorded and ignored.</li>
 *   <li>Faults ({@link FakeFault}): reset, close after N frames, stall (for good or for a while), bad magic,
 *       oversized length, garbage then close, refuse connections for a while (reboot), tiny TCP pieces, lost
 *       requests (ignored without a reply), a burst of video faster than real time.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * All of a camera's connections live on one event loop (its own, or one taken from a
 * {@link FakeCameraFleet}'s shared group), and all protocol state is touched only there. Every public method
 * is thread-safe; those that change behaviour ({@link #inject}, {@link #sendEvent}...) run their action on
 * the event loop and return once it is done: on the camera's own loop they run directly; on another event
 * loop's thread they would wait for this one (a deadlock if it waits for that one) and throw
 * {@link IllegalStateException} instead: use {@link #schedule(FakeFault, Duration)} there, which does not wait.
 * The waiting methods ({@code take*}, {@code await*}), {@link #start()} and {@link #close()} block: called on
 * any event-loop thread (this camera's or another's) they throw {@link IllegalStateException}. A predicate a
 * waiting method tests runs on the waiting thread, never under a lock the camera needs.
 *
 * <h2>Buffers</h2>
 * No {@code ByteBuf} is exposed: recordings are {@code byte[]} and plain values. Video and audio are sent
 * from shared read-only buffers without copying.
 */
public final class FakeCamera implements AutoCloseable {

    /** The default user: {@value}. */
    public static final String DEFAULT_USER = "admin";
    /** The default password: empty, as on a camera out of the box. */
    public static final String DEFAULT_PASSWORD = "";
    /** The default camera id (12 bytes at most). */
    public static final String DEFAULT_CAMERA_ID = "FAKE0000CAM1";
    /** The default frame rate, that of {@link FakeVideoClip#testPattern()}. */
    public static final int DEFAULT_FPS = FakeVideoClip.TEST_PATTERN_FPS;
    /** Connections from which nothing arrives for this long are closed: 60 s, as on real cameras. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    /** The largest frame payload accepted from a client: 64 KiB (clients send small frames). */
    public static final int DEFAULT_MAX_PAYLOAD_LENGTH = 64 * 1024;
    /** Recording keeps at most this many frames by default; later ones are counted only. */
    public static final int DEFAULT_MAX_RECORDED_FRAMES = 10_000;
    /**
     * Recording keeps at most this many bytes of frames by default: 64 MiB (without it, 10,000 frames of the
     * largest accepted payload would take 655 MB); frames that do not fit are counted only.
     */
    public static final long DEFAULT_MAX_RECORDED_BYTES = 64L * 1024 * 1024;

    private final FakeCameraSettings settings;
    private final EventLoopGroup ownGroup;
    private final CameraServer server;

    private FakeCamera(FakeCameraSettings settings, EventLoopGroup sharedGroup) {
        this.settings = settings;
        this.ownGroup = sharedGroup == null ? new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory()) : null;
        EventLoop loop = (sharedGroup == null ? ownGroup : sharedGroup).next();
        try {
            this.server = new CameraServer(settings, loop, sharedGroup != null);
        } catch (RuntimeException e) { // settings that cannot work (a bit rate too high, say): free the loop
            if (ownGroup != null) {
                ownGroup.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            }
            throw e;
        }
    }

    /** {@return a builder with the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    static FakeCamera create(FakeCameraSettings settings, EventLoopGroup sharedGroup) {
        return new FakeCamera(settings, sharedGroup);
    }

    /** The camera behind this facade (for the package's tests). */
    CameraServer server() {
        return server;
    }

    /**
     * Starts listening; returns once connections are accepted.
     *
     * @throws UncheckedIOException if the port cannot be bound
     * @throws IllegalStateException if already started or closed, or if called on an event-loop thread
     * @return this camera, accepting connections
     */
    public FakeCamera start() {
        EventLoopCheck.refuseOnEventLoop("FakeCamera.start");
        try {
            server.start();
        } catch (UncheckedIOException e) {
            close(); // frees the event loop of a camera that never listened
            throw e;
        }
        return this;
    }

    /**
     * Closes every connection, stops listening and frees the event loop (if the camera owns it). Idempotent.
     *
     * @throws IllegalStateException if called on an event-loop thread (it waits for the loop)
     */
    @Override
    public void close() {
        EventLoopCheck.refuseOnEventLoop("FakeCamera.close");
        server.close();
        if (ownGroup != null) {
            ownGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** {@return the address the camera listens on, as a string ({@code 127.0.0.1} by default)} */
    public String host() {
        return address().getAddress().getHostAddress();
    }

    /** {@return the port (chosen when started with port 0; kept across a reboot fault)} */
    public int port() {
        return address().getPort();
    }

    /**
     * The socket address the camera listens on.
     *
     * @throws IllegalStateException if not started
     * @return the socket address the camera listens on
     */
    public InetSocketAddress address() {
        return server.address();
    }

    /** {@return the camera's profile} */
    public FakeCameraProfile profile() {
        return settings.profile();
    }

    /** {@return the credentials the camera accepts ({@code toString()} hides the password)} */
    public FoscCredentials credentials() {
        return settings.credentials();
    }

    /** {@return the video clip the camera streams} */
    public FakeVideoClip clip() {
        return settings.clip();
    }

    /** {@return connections accepted so far (the next connection's index)} */
    public int connectionCount() {
        return server.connectionCount();
    }

    /** {@return connections open now} */
    public int openConnectionCount() {
        return server.openConnectionCount();
    }

    /** {@return logins accepted so far} */
    public int loginCount() {
        return server.stats().logins.get();
    }

    /** {@return LOGIN frames received so far (accepted or refused)} */
    public int loginAttemptCount() {
        return server.stats().loginAttempts.get();
    }

    /** {@return logins refused so far (bad credentials, rate limit, lock-out)} */
    public int refusedLoginCount() {
        return server.stats().refusedLogins.get();
    }

    /**
     * {@return whether too many wrong passwords in a row locked the camera (until a reboot fault or {@link #unlock()})}
     */
    public boolean isLockedOut() {
        return server.isLockedOut();
    }

    /** Lifts a lock-out and forgets wrong passwords and the last login time. */
    public void unlock() {
        server.runOnLoop("FakeCamera.unlock", server::resetLoginGate);
    }

    /** {@return VIDEO_DATA frames written so far, over all connections} */
    public long videoFramesSent() {
        return server.stats().videoFramesSent.get();
    }

    /**
     * {@return VIDEO_DATA frames skipped because a connection was not writable (skipping goes on to the next key
     * frame)}
     */
    public long videoFramesSkipped() {
        return server.stats().videoFramesSkipped.get();
    }

    /** {@return AUDIO_DATA frames written so far, over all connections} */
    public long audioFramesSent() {
        return server.stats().audioFramesSent.get();
    }

    /** {@return AUDIO_DATA frames dropped because a connection was not writable (the client did not read)} */
    public long audioFramesDropped() {
        return server.stats().audioFramesDropped.get();
    }

    /** {@return requests ignored so far because of {@link FakeFault#ignoreRequests} faults (lost replies)} */
    public long ignoredRequestCount() {
        return server.stats().ignoredRequests.get();
    }

    /** {@return events not sent because a connection was not writable (the client did not read)} */
    public long eventsDropped() {
        return server.stats().eventsDropped.get();
    }

    /** {@return the speaker: what talk audio was played, when, and what was discarded} */
    public FakeSpeaker speaker() {
        return server.speaker();
    }

    // ---- events --------------------------------------------------------------------------------------------

    /**
     * Sends {@code event} to every logged-in connection now.
     *
     * @param event the event
     */
    public void sendEvent(FakeEvent event) {
        Objects.requireNonNull(event, "event");
        server.runOnLoop("FakeCamera.sendEvent", () -> server.sendEvent(event));
    }

    /** Sends a MOTION_ALERT (111) to every logged-in connection now. */
    public void triggerMotion() {
        sendEvent(FakeEvent.motion());
    }

    /**
     * Sends {@code event} to every logged-in connection every {@code period}, first after one period, until the
     * returned future is cancelled or the camera closes.
     *
     * @param event the event
     * @param period the period
     * @return a future; cancelling it stops the schedule
     */
    public Future<?> scheduleEvent(FakeEvent event, Duration period) {
        Objects.requireNonNull(event, "event");
        requirePositive("period", period);
        return server.scheduleOnLoop(() -> server.sendEvent(event), period.toNanos(), period.toNanos());
    }

    // ---- faults --------------------------------------------------------------------------------------------

    /**
     * Applies {@code fault} now: to every open connection, or to the camera for a camera-wide fault; returns once
     * the camera's event loop has applied it.
     *
     * @throws IllegalStateException on another event loop's thread (use {@link #schedule(FakeFault, Duration)}
     *     with {@link Duration#ZERO} there), or if the camera's event loop is shut down
     * @param fault the fault
     */
    public void inject(FakeFault fault) {
        Objects.requireNonNull(fault, "fault");
        server.runOnLoop("FakeCamera.inject", () -> server.inject(fault));
        if (fault.kind() == FakeFault.Kind.REFUSE_CONNECTIONS) {
            server.awaitSelectorPass();
        }
    }

    /**
     * Applies {@code fault} now to connection {@code connectionIndex} (a camera-wide fault acts on the camera).
     *
     * @throws IllegalArgumentException if that connection is not open
     * @param fault the fault
     * @param connectionIndex the connection index
     */
    public void inject(FakeFault fault, int connectionIndex) {
        Objects.requireNonNull(fault, "fault");
        server.runOnLoop("FakeCamera.inject", () -> server.inject(fault, connectionIndex));
        if (fault.kind() == FakeFault.Kind.REFUSE_CONNECTIONS) {
            server.awaitSelectorPass();
        }
    }

    /**
     * Applies {@code fault} to every connection accepted from now on, as soon as it is accepted.
     *
     * @param fault the fault
     */
    public void injectOnConnect(FakeFault fault) {
        Objects.requireNonNull(fault, "fault");
        if (fault.isCameraWide()) {
            throw new IllegalArgumentException(fault + " acts on the camera, not on a connection");
        }
        server.runOnLoop("FakeCamera.injectOnConnect", () -> server.faultsOnConnect().add(fault));
    }

    /** Forgets the faults given to {@link #injectOnConnect} (and the builder); faults already applied stay. */
    public void clearFaults() {
        server.runOnLoop("FakeCamera.clearFaults", () -> server.faultsOnConnect().clear());
    }

    /**
     * Applies {@code fault} as {@link #inject(FakeFault)} does, after {@code delay}, without waiting: usable from
     * any thread, event loops included.
     *
     * @throws IllegalStateException if the camera's event loop is shut down (the camera was closed)
     * @param fault the fault
     * @param delay the delay
     * @return a future; cancelling it before the delay has passed cancels the fault
     */
    public Future<?> schedule(FakeFault fault, Duration delay) {
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(delay, "delay");
        return server.scheduleOnLoop(() -> server.inject(fault), delay.toNanos(), 0);
    }

    /** Closes every open connection (normally, with a FIN); the camera keeps listening. */
    public void closeConnections() {
        server.runOnLoop("FakeCamera.closeConnections", server::closeConnections);
    }

    // ---- recording -----------------------------------------------------------------------------------------

    /** {@return every frame received so far, in arrival order (taken or not)} */
    public List<FakeRecordedFrame> recordedFrames() {
        return server.recorder().snapshot();
    }

    /**
     * {@return the frames of {@code command} received so far, in arrival order}
     *
     * @param command the command id
     */
    public List<FakeRecordedFrame> recordedFrames(FoscCommand command) {
        List<FakeRecordedFrame> out = new ArrayList<>();
        for (FakeRecordedFrame f : recordedFrames()) {
            if (f.is(command)) {
                out.add(f);
            }
        }
        return out;
    }

    /**
     * Takes the oldest received frame not taken yet, waiting up to {@code timeout}.
     *
     * @throws AssertionError on timeout, listing what did arrive
     * @throws IllegalStateException if called on an event-loop thread
     * @param timeout how long to wait at most
     * @return the frame
     */
    public FakeRecordedFrame takeFrame(Duration timeout) {
        return server.recorder().take(FrameRecorder.any(), "frame", timeout);
    }

    /**
     * Takes the oldest received frame of {@code command} not taken yet, waiting up to {@code timeout}.
     * Frames of other commands stay for later takes.
     *
     * @throws AssertionError on timeout, listing what did arrive
     * @throws IllegalStateException if called on an event-loop thread
     * @param command the command id
     * @param timeout how long to wait at most
     * @return the frame
     */
    public FakeRecordedFrame takeFrame(FoscCommand command, Duration timeout) {
        return server.recorder().take(FrameRecorder.of(command), command + " frame", timeout);
    }

    /**
     * Waits until {@code count} frames of {@code command} have arrived (taken or not) and returns them.
     *
     * @throws AssertionError on timeout, listing what did arrive
     * @throws IllegalStateException if called on an event-loop thread
     * @param command the command id
     * @param count how many
     * @param timeout how long to wait at most
     * @return the {@code count} frames, oldest first
     */
    public List<FakeRecordedFrame> awaitFrames(FoscCommand command, int count, Duration timeout) {
        return server.recorder().awaitCount(FrameRecorder.of(command), count, command + " frame", timeout);
    }

    /** Forgets the recorded frames. */
    public void clearRecording() {
        server.recorder().clear();
    }

    /** {@return a description of what the camera received, for failure messages} */
    public String describeRecording() {
        return server.recorder().describe();
    }

    /**
     * Waits until at least {@code logins} logins were accepted.
     *
     * @throws AssertionError on timeout, listing what did arrive
     * @throws IllegalStateException if called on an event-loop thread
     * @param logins the logins
     * @param timeout how long to wait at most
     */
    public void awaitLoginCount(int logins, Duration timeout) {
        awaitCounter("FakeCamera.awaitLoginCount", "accepted logins", () -> loginCount(), logins, timeout);
    }

    /**
     * Waits until at least {@code connections} connections were accepted.
     *
     * @throws AssertionError on timeout, listing what did arrive
     * @throws IllegalStateException if called on an event-loop thread
     * @param connections the connections
     * @param timeout how long to wait at most
     */
    public void awaitConnectionCount(int connections, Duration timeout) {
        awaitCounter("FakeCamera.awaitConnectionCount", "accepted connections", () -> connectionCount(), connections,
                timeout);
    }

    private void awaitCounter(String method, String what, java.util.function.IntSupplier counter, int expected,
                              Duration timeout) {
        EventLoopCheck.refuseOnEventLoop(method);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (counter.getAsInt() < expected) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(expected + " " + what + " expected within " + timeout + ", got "
                        + counter.getAsInt() + "; " + describeRecording());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    @Override
    public String toString() {
        return "FakeCamera[" + settings.name() + " " + settings.profile() + " " + server.addressOrNull()
                + ", user=" + settings.credentials().user() + "]";
    }

    static void requirePositive(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
    }

    /**
     * Builds a {@link FakeCamera}. Not thread-safe; {@link #build()} snapshots it, so one builder can make
     * several cameras.
     */
    public static final class Builder {
        private String user = DEFAULT_USER;
        private String password = DEFAULT_PASSWORD;
        private FakeCameraProfile profile = FakeCameraProfile.FI9821W_V2;
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private int port;
        private int fps = DEFAULT_FPS;
        private FakeVideoClip clip;
        private int videoBitRate;
        private boolean unpaced;
        private boolean epochTimestamps;
        private List<String> presets = List.of();
        private List<String> cruises = List.of();
        private String cameraId = DEFAULT_CAMERA_ID;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private Duration loginInterval = Duration.ZERO;
        private int lockOutAfter;
        private boolean preamble = true;
        private boolean httpOkAnswer;
        private Duration motionEvery;
        private Duration speakerBacklog = FakeSpeaker.DEFAULT_BACKLOG;
        private int maxPlayedFrames = FakeSpeaker.DEFAULT_MAX_PLAYED_FRAMES;
        private Boolean record; // null: the default (true for a camera, false in a fleet)
        private int maxRecordedFrames = DEFAULT_MAX_RECORDED_FRAMES;
        private long maxRecordedBytes = DEFAULT_MAX_RECORDED_BYTES;
        private int maxPayloadLength = DEFAULT_MAX_PAYLOAD_LENGTH;
        private final List<FakeFault> faultsOnConnect = new ArrayList<>();
        private String name = "camera";

        private Builder() {
        }

        /**
         * {@return an independent copy of this builder: changing either leaves the other as it was} Use it to derive
         * variants from a shared template (the JUnit extension does, rather than rename a builder other tests
         * may be using at the same time).
         */
        public Builder copy() {
            Builder b = new Builder();
            b.user = user;
            b.password = password;
            b.profile = profile;
            b.bindAddress = bindAddress;
            b.port = port;
            b.fps = fps;
            b.clip = clip;
            b.videoBitRate = videoBitRate;
            b.presets = presets;
            b.cruises = cruises;
            b.cameraId = cameraId;
            b.idleTimeout = idleTimeout;
            b.loginInterval = loginInterval;
            b.lockOutAfter = lockOutAfter;
            b.preamble = preamble;
            b.httpOkAnswer = httpOkAnswer;
            b.motionEvery = motionEvery;
            b.speakerBacklog = speakerBacklog;
            b.maxPlayedFrames = maxPlayedFrames;
            b.record = record;
            b.maxRecordedFrames = maxRecordedFrames;
            b.maxRecordedBytes = maxRecordedBytes;
            b.maxPayloadLength = maxPayloadLength;
            b.faultsOnConnect.addAll(faultsOnConnect);
            b.name = name;
            return b;
        }

        /**
         * The user the camera accepts (default {@value #DEFAULT_USER}).
         *
         * @param user the user
         * @return this builder
         */
        public Builder user(String user) {
            this.user = Objects.requireNonNull(user, "user");
            return this;
        }

        /**
         * The password the camera accepts (default empty). Never logged.
         *
         * @param password the password
         * @return this builder
         */
        public Builder password(String password) {
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * The firmware variant (default {@link FakeCameraProfile#FI9821W_V2}).
         *
         * @param profile the profile
         * @return this builder
         */
        public Builder profile(FakeCameraProfile profile) {
            this.profile = Objects.requireNonNull(profile, "profile");
            return this;
        }

        /**
         * The address to listen on (default the loopback address).
         *
         * @param address the address
         * @return this builder
         */
        public Builder bindAddress(InetAddress address) {
            this.bindAddress = Objects.requireNonNull(address, "address");
            return this;
        }

        /**
         * The port (default 0: a free port, see {@link FakeCamera#port()}).
         *
         * @param port the port
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Video frames per second (default {@value #DEFAULT_FPS}), 1..120.
         *
         * @param fps the fps
         * @return this builder
         */
        public Builder fps(int fps) {
            if (fps < 1 || fps > 120) {
                throw new IllegalArgumentException("fps must be 1..120: " + fps);
            }
            this.fps = fps;
            return this;
        }

        /**
         * The H.264 clip to stream (default {@link FakeVideoClip#testPattern()}).
         *
         * @param clip the clip
         * @return this builder
         */
        public Builder video(FakeVideoClip clip) {
            this.clip = Objects.requireNonNull(clip, "clip");
            return this;
        }

        /**
         * Pads every video frame with H.264 filler data up to {@code bitsPerSecond / 8 / fps} bytes, for load
         * tests (default 0: no padding). Frames already larger are sent as they are. {@link #build()} refuses a
         * rate whose frames would exceed a client's default maximum payload (4 MiB: at 25 fps about 838 Mbit/s,
         * at 1 fps about 33 Mbit/s).
         *
         * @param bitsPerSecond the bits per second
         * @return this builder
         */
        public Builder videoBitRate(int bitsPerSecond) {
            if (bitsPerSecond < 0) {
                throw new IllegalArgumentException("bit rate must be >= 0: " + bitsPerSecond);
            }
            this.videoBitRate = bitsPerSecond;
            return this;
        }

        /**
         * Sends video as fast as each connection takes it instead of {@link #fps(int)} frames a second (default
         * false: paced). Unpaced, a camera writes frames while the connection is writable and goes on as soon as it
         * becomes writable again, yielding to its event loop's other connections between batches; no frame is
         * skipped (a client that reads slowly only slows its own stream down). The media header still says
         * {@code fps}; its timestamp is the time of writing. For load tests that measure a client's ceiling.
         *
         * @param unpaced the unpaced
         * @return this builder
         */
        public Builder unpaced(boolean unpaced) {
            this.unpaced = unpaced;
            return this;
        }

        /**
         * Media-header timestamps in microseconds since the Unix epoch ({@link EpochMicros#now()}), taken when the
         * frame is written (default false: milliseconds since the camera started, on the frame's schedule). For
         * delivery-delay measurements in another process on the same machine; real cameras send milliseconds.
         *
         * @param epochTimestamps the epoch timestamps
         * @return this builder
         */
        public Builder epochTimestamps(boolean epochTimestamps) {
            this.epochTimestamps = epochTimestamps;
            return this;
        }

        /**
         * The preset names in LOGIN_REPLY (at most 16).
         *
         * @param presets the presets
         * @return this builder
         */
        public Builder presets(List<String> presets) {
            this.presets = new FoscLoginReply(0, presets, List.of(), "", FoscLoginReply.DEFAULT_LENGTH).presets();
            return this;
        }

        /**
         * The cruise names in LOGIN_REPLY (at most 8).
         *
         * @param cruises the cruises
         * @return this builder
         */
        public Builder cruises(List<String> cruises) {
            this.cruises = new FoscLoginReply(0, List.of(), cruises, "", FoscLoginReply.DEFAULT_LENGTH).cruises();
            return this;
        }

        /**
         * The camera id in LOGIN_REPLY (at most 12 bytes; default {@value #DEFAULT_CAMERA_ID}).
         *
         * @param cameraId the camera id
         * @return this builder
         */
        public Builder cameraId(String cameraId) {
            this.cameraId = new FoscLoginReply(0, List.of(), List.of(), cameraId, FoscLoginReply.DEFAULT_LENGTH)
                    .cameraId();
            return this;
        }

        /**
         * Close a connection after this long without receiving anything (default 60 s).
         *
         * @param timeout how long to wait at most
         * @return this builder
         */
        public Builder idleTimeout(Duration timeout) {
            requirePositive("idle timeout", timeout);
            this.idleTimeout = timeout;
            return this;
        }

        /**
         * Refuse a login that comes less than {@code interval} after the previous login attempt, exactly as a
         * bad password is refused (default zero: no limit).
         *
         * @param interval the interval
         * @return this builder
         */
        public Builder loginRateLimit(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.isNegative()) {
                throw new IllegalArgumentException("interval must not be negative: " + interval);
            }
            this.loginInterval = interval;
            return this;
        }

        /**
         * After {@code wrongPasswords} consecutive logins with wrong credentials, refuse every login until a
         * reboot fault or {@link FakeCamera#unlock()} (default 0: never lock). An accepted login resets the
         * count, as on real cameras; a login refused by the rate limit neither counts nor resets it.
         *
         * @param wrongPasswords the wrong passwords
         * @return this builder
         */
        public Builder lockOutAfter(int wrongPasswords) {
            if (wrongPasswords < 0) {
                throw new IllegalArgumentException("wrongPasswords must be >= 0: " + wrongPasswords);
            }
            this.lockOutAfter = wrongPasswords;
            return this;
        }

        /**
         * Whether clients send the SERVERPUSH preamble (default true; false: older firmware's media port).
         *
         * @param preamble the preamble
         * @return this builder
         */
        public Builder preamble(boolean preamble) {
            this.preamble = preamble;
            return this;
        }

        /**
         * Answer the preamble with an {@code HTTP/1.1 200 OK} block before the first frame (default false).
         *
         * @param answer the answer
         * @return this builder
         */
        public Builder httpOkAnswer(boolean answer) {
            this.httpOkAnswer = answer;
            return this;
        }

        /**
         * Send a MOTION_ALERT to logged-in connections every {@code period} (default: never).
         *
         * @param period the period
         * @return this builder
         */
        public Builder motionEvery(Duration period) {
            requirePositive("motion period", period);
            this.motionEvery = period;
            return this;
        }

        /**
         * How much queued talk audio the speaker tolerates (default {@link FakeSpeaker#DEFAULT_BACKLOG}).
         *
         * @param backlog the backlog
         * @return this builder
         */
        public Builder speakerBacklog(Duration backlog) {
            Objects.requireNonNull(backlog, "backlog");
            if (backlog.isNegative()) {
                throw new IllegalArgumentException("backlog must not be negative: " + backlog);
            }
            this.speakerBacklog = backlog;
            return this;
        }

        /**
         * The most played talk frames the {@link FakeCamera#speaker()} keeps (default
         * {@value FakeSpeaker#DEFAULT_MAX_PLAYED_FRAMES}); later ones are counted only.
         *
         * @param max the max
         * @return this builder
         */
        public Builder maxPlayedFrames(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("max must be >= 0: " + max);
            }
            this.maxPlayedFrames = max;
            return this;
        }

        /**
         * Record received frames (default true for a camera; a {@link FakeCameraFleet} built from this builder
         * records only if this is set to true).
         *
         * @param record the record
         * @return this builder
         */
        public Builder record(boolean record) {
            this.record = record;
            return this;
        }

        /**
         * The most bytes of frames recorded, headers included (default {@value #DEFAULT_MAX_RECORDED_BYTES}).
         *
         * @param max the max
         * @return this builder
         */
        public Builder maxRecordedBytes(long max) {
            if (max < 0) {
                throw new IllegalArgumentException("max must be >= 0: " + max);
            }
            this.maxRecordedBytes = max;
            return this;
        }

        /**
         * The most frames recorded (default {@value #DEFAULT_MAX_RECORDED_FRAMES}).
         *
         * @param max the max
         * @return this builder
         */
        public Builder maxRecordedFrames(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("max must be >= 0: " + max);
            }
            this.maxRecordedFrames = max;
            return this;
        }

        /**
         * The largest frame payload accepted from a client (default {@value #DEFAULT_MAX_PAYLOAD_LENGTH}).
         *
         * @param max the max
         * @return this builder
         */
        public Builder maxPayloadLength(int max) {
            if (max < 0 || max > FoscFrameDecoder.DEFAULT_MAX_PAYLOAD_LENGTH) {
                throw new IllegalArgumentException("max payload length out of range: " + max);
            }
            this.maxPayloadLength = max;
            return this;
        }

        /**
         * Applies {@code fault} to every connection as it is accepted (see {@link FakeCamera#injectOnConnect}).
         *
         * @param fault the fault
         * @return this builder
         */
        public Builder faultOnConnect(FakeFault fault) {
            Objects.requireNonNull(fault, "fault");
            if (fault.isCameraWide()) {
                throw new IllegalArgumentException(fault + " acts on the camera, not on a connection");
            }
            faultsOnConnect.add(fault);
            return this;
        }

        /**
         * A name for logs (default "camera").
         *
         * @param name the name
         * @return this builder
         */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * The camera, not started.
         *
         * @throws IllegalArgumentException if the video settings cannot work (see {@link #videoBitRate(int)})
         * @return the camera, not started
         */
        public FakeCamera build() {
            return new FakeCamera(settings(), null);
        }

        /**
         * Builds and starts the camera.
         *
         * @return the started camera
         */
        public FakeCamera start() {
            return build().start();
        }

        FakeCameraSettings settings() {
            return settings(true);
        }

        /** A snapshot, recording by default if {@code recordByDefault} and {@link #record} was not called. */
        FakeCameraSettings settings(boolean recordByDefault) {
            return new FakeCameraSettings(FoscCredentials.of(user, password), profile, bindAddress, port, fps,
                    clip != null ? clip : FakeVideoClip.testPattern(), videoBitRate, unpaced, epochTimestamps, presets, cruises, cameraId,
                    idleTimeout, loginInterval, lockOutAfter, preamble, httpOkAnswer, motionEvery, speakerBacklog,
                    maxPlayedFrames, record != null ? record : recordByDefault, maxRecordedFrames, maxRecordedBytes,
                    maxPayloadLength, List.copyOf(faultsOnConnect), name);
        }
    }
}
