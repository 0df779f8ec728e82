package dev.fosc.testkit;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Many {@link FakeCamera}s on one shared event-loop group, for load tests and benchmarks: thousands of
 * cameras run on a couple of threads, because a camera is only a listening socket and timers on one of the
 * group's event loops (cameras are spread over the loops round-robin).
 *
 * <pre>{@code
 * try (FakeCameraFleet fleet = FakeCameraFleet.builder(FakeCamera.builder().password("pw"))
 *         .cameras(1000).threads(2).start()) {
 *     for (FakeCamera camera : fleet.cameras()) { ... connect to camera.port() ... }
 * }
 * }</pre>
 *
 * <p>Fleet cameras do not record what they receive unless the template asks for it with
 * {@link FakeCamera.Builder#record(boolean) record(true)}: a load test reads no recording, and a thousand
 * recordings would only use memory.
 *
 * <p>Thread-safe. Closing the fleet closes every camera, then the group.
 */
public final class FakeCameraFleet implements AutoCloseable {

    /** The default number of event-loop threads: the number of available processors. */
    public static final int DEFAULT_THREADS = Runtime.getRuntime().availableProcessors();

    private final EventLoopGroup group;
    private final List<FakeCamera> cameras;

    private FakeCameraFleet(EventLoopGroup group, List<FakeCamera> cameras) {
        this.group = group;
        this.cameras = List.copyOf(cameras);
    }

    /**
     * {@return a fleet builder; every camera is made from {@code template} (credentials, profile, fps...), with its
     * port replaced as the fleet decides and its name suffixed with its index} Recording is off unless the
     * template calls {@code record(true)}.
     *
     * @param template the template
     */
    public static Builder builder(FakeCamera.Builder template) {
        return new Builder(template);
    }

    /** {@return the cameras, in index order} */
    public List<FakeCamera> cameras() {
        return cameras;
    }

    /**
     * {@return camera {@code index}}
     *
     * @param index the index, 0-based
     */
    public FakeCamera camera(int index) {
        return cameras.get(index);
    }

    /** {@return the number of cameras} */
    public int size() {
        return cameras.size();
    }

    /** {@return connections accepted over all cameras} */
    public long connectionCount() {
        long n = 0;
        for (FakeCamera c : cameras) {
            n += c.connectionCount();
        }
        return n;
    }

    /** {@return logins accepted over all cameras} */
    public long loginCount() {
        long n = 0;
        for (FakeCamera c : cameras) {
            n += c.loginCount();
        }
        return n;
    }

    /** {@return VIDEO_DATA frames sent over all cameras} */
    public long videoFramesSent() {
        long n = 0;
        for (FakeCamera c : cameras) {
            n += c.videoFramesSent();
        }
        return n;
    }

    /**
     * Closes every camera, then the shared group. Idempotent.
     *
     * @throws IllegalStateException if called on an event-loop thread (it waits for the loops)
     */
    @Override
    public void close() {
        EventLoopCheck.refuseOnEventLoop("FakeCameraFleet.close");
        for (FakeCamera c : cameras) {
            c.close();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Override
    public String toString() {
        return "FakeCameraFleet[cameras=" + cameras.size() + "]";
    }

    /** Builds a {@link FakeCameraFleet}. Not thread-safe. */
    public static final class Builder {
        private final FakeCamera.Builder template;
        private int cameras = 1;
        private int threads = DEFAULT_THREADS;
        private int basePort;

        private Builder(FakeCamera.Builder template) {
            this.template = Objects.requireNonNull(template, "template");
        }

        /**
         * How many cameras (default 1).
         *
         * @param count how many
         * @return this builder
         */
        public Builder cameras(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("a fleet needs at least one camera: " + count);
            }
            this.cameras = count;
            return this;
        }

        /**
         * Event-loop threads shared by all cameras (default {@link #DEFAULT_THREADS}).
         *
         * @param threads the threads
         * @return this builder
         */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1: " + threads);
            }
            this.threads = threads;
            return this;
        }

        /**
         * The first camera's port; the others follow on consecutive ports (default 0: every camera takes a
         * free port of its own).
         *
         * @param port the port
         * @return this builder
         */
        public Builder basePort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.basePort = port;
            return this;
        }

        /**
         * Starts every camera; returns once all accept connections.
         *
         * @throws java.io.UncheckedIOException if a port cannot be bound (the cameras started so far are closed)
         * @throws IllegalStateException if called on an event-loop thread
         * @return this fleet, every camera accepting connections
         */
        public FakeCameraFleet start() {
            EventLoopCheck.refuseOnEventLoop("FakeCameraFleet.start");
            if (basePort > 0 && basePort + cameras - 1 > 65535) {
                throw new IllegalArgumentException("ports " + basePort + ".." + (basePort + cameras - 1)
                        + " exceed 65535");
            }
            EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
            List<FakeCamera> started = new ArrayList<>(cameras);
            FakeCameraSettings base = template.settings(false);
            try {
                for (int i = 0; i < cameras; i++) {
                    FakeCameraSettings s = withPortAndName(base, basePort == 0 ? 0 : basePort + i,
                            base.name() + "-" + i);
                    started.add(FakeCamera.create(s, group).start());
                }
            } catch (RuntimeException e) {
                for (FakeCamera c : started) {
                    c.close();
                }
                group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
                throw e;
            }
            return new FakeCameraFleet(group, started);
        }

        private static FakeCameraSettings withPortAndName(FakeCameraSettings s, int port, String name) {
            return new FakeCameraSettings(s.credentials(), s.profile(), s.bindAddress(), port, s.fps(), s.clip(),
                    s.videoBitRate(), s.unpaced(), s.epochTimestamps(), s.presets(), s.cruises(), s.cameraId(), s.idleTimeout(), s.loginInterval(),
                    s.lockOutAfter(), s.preamble(), s.httpOkAnswer(), s.motionEvery(), s.speakerBacklog(),
                    s.maxPlayedFrames(), s.record(),
                    s.maxRecordedFrames(), s.maxRecordedBytes(), s.maxPayloadLength(), s.faultsOnConnect(), name);
        }
    }
}
