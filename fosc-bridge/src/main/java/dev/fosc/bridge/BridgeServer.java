package dev.fosc.bridge;

import dev.fosc.client.FoscClient;
import dev.fosc.client.FoscSessionOptions;
import dev.fosc.micrometer.FoscMeterOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * The bridge, embeddable: every camera as an RTSP stream {@code rtsp://HOST:PORT/NAME} (RFC 2326 over TCP,
 * interleaved RTP: H.264 per RFC 6184 and the camera's audio as PCMU/8000 or L16/8000), with one upstream camera
 * session per camera however many viewers it has. A client that sends
 * {@code Require: www.onvif.org/ver20/backchannel} also gets the ONVIF audio backchannel (PCMU, PCMA or L16 at
 * 8000 Hz), played through the camera speaker with the client's talk API; one talker per camera. Viewers may be asked
 * for credentials ({@link Builder#credentials}: Digest or Basic).
 *
 * <pre>{@code
 * try (FoscClient client = FoscClient.create();
 *      BridgeServer bridge = BridgeServer.builder(client).port(8554)
 *              .camera("door", FoscSessionOptions.builder("192.168.1.20", credentials).build())
 *              .build().start()) {
 *     System.out.println(bridge.listeningLine()); // "rtsp listening on 0.0.0.0:8554"
 *     ...
 * }
 * }</pre>
 *
 * <p><b>Ownership:</b> the bridge uses the client's event-loop group for its RTSP connections and creates one session
 * per camera on it; {@link #close()} closes those sessions and the listening socket, never the client.
 *
 * <p><b>Memory:</b> each viewer connection has write-buffer water marks ({@link Builder#viewerWaterMarks}); a
 * viewer past the high mark loses frames up to the next key frame that finds it writable again, so it holds at most
 * the high mark plus one frame. Media leaves as retained slices of the cameras' receive buffers (no copy), except
 * the audio, which is encoded (µ-law, or L16's big-endian samples) once per frame and shared by all viewers.
 *
 * <p><b>Threading:</b> {@link #start()} and {@link #close()} may be called from any thread but not from an event
 * loop of the client (they wait). Getters are thread-safe.
 */
public final class BridgeServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BridgeServer.class);

    private final FoscClient client;
    private final InetAddress bindAddress;
    private final int requestedPort;
    private final Duration describeTimeout;
    private final WriteBufferWaterMark waterMarks;
    private final int sendBuffer;
    private final Map<String, BridgeCamera> cameras = new LinkedHashMap<>();
    private final MqttLink mqtt;
    private final int httpPort;
    private final RtspAuth auth;
    private final MeterRegistry meterRegistry;
    private final FoscMeterOptions meterOptions;
    private volatile Channel serverChannel;
    private volatile Channel httpChannel;
    private volatile BridgeMetrics metrics;

    private BridgeServer(Builder b) {
        this.client = b.client;
        this.bindAddress = b.bindAddress;
        this.requestedPort = b.port;
        this.describeTimeout = b.describeTimeout;
        this.waterMarks = b.waterMarks;
        this.sendBuffer = b.sendBuffer;
        this.httpPort = b.httpPort;
        this.auth = b.username == null ? null : new RtspAuth(b.username, b.password);
        this.meterRegistry = b.meterRegistry;
        this.meterOptions = b.meterOptions;
        b.cameras.forEach((name, options) -> cameras.put(name, new BridgeCamera(name, client, options,
                b.talkSilence, b.audioCodec)));
        this.mqtt = b.mqtt == null ? null : new MqttLink(b.mqtt, client.eventLoopGroup().next(), client.channelType());
        if (mqtt != null) {
            cameras.values().forEach(c -> c.publishTo(mqtt, b.mqtt));
        }
    }

    /**
     * A builder for a bridge in front of cameras reached with {@code client}.
     *
     * @param client the client whose event loops and sessions the bridge uses (the caller keeps owning it)
     * @return a builder with the defaults
     */
    public static Builder builder(FoscClient client) {
        return new Builder(client);
    }

    /**
     * Starts the camera sessions (they connect and keep reconnecting in the background) and binds the RTSP port;
     * returns once it listens.
     *
     * @return this bridge
     * @throws IllegalStateException when started twice
     * @throws BridgeStartException when the port cannot be bound
     */
    public synchronized BridgeServer start() {
        if (serverChannel != null) {
            throw new IllegalStateException("the bridge is started already");
        }
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(client.eventLoopGroup())
                .channel(serverChannelType())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMarks)
                .childHandler(new RtspChannelInitializer(cameras, describeTimeout, auth));
        if (sendBuffer > 0) {
            bootstrap.childOption(ChannelOption.SO_SNDBUF, sendBuffer);
        }
        Channel channel;
        try {
            channel = bootstrap.bind(new InetSocketAddress(bindAddress, requestedPort)).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BridgeStartException("interrupted while binding the RTSP port", e);
        } catch (Exception e) {
            throw new BridgeStartException("the RTSP port " + bindAddress.getHostAddress() + ":" + requestedPort
                    + " cannot be bound: " + e.getMessage(), e);
        }
        serverChannel = channel;
        if (httpPort >= 0 || meterRegistry != null) {
            metrics = new BridgeMetrics(client, cameras.values(), meterRegistry, meterOptions);
        }
        if (httpPort >= 0) {
            httpChannel = bindHttp(metrics);
        }
        if (mqtt != null) {
            mqtt.start();
        }
        cameras.values().forEach(BridgeCamera::start);
        log.info(listeningLine());
        return this;
    }

    private Channel bindHttp(BridgeMetrics meters) {
        HealthHandler health = new HealthHandler(this::stats, meters, ForkJoinPool.commonPool());
        ServerBootstrap http = new ServerBootstrap().group(client.eventLoopGroup()).channel(serverChannelType())
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(8192), health);
                    }
                });
        try {
            return http.bind(new InetSocketAddress(bindAddress, httpPort)).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            meters.close();
            metrics = null;
            serverChannel.close();
            throw new BridgeStartException("interrupted while binding the HTTP port", e);
        } catch (Exception e) {
            meters.close();
            metrics = null;
            serverChannel.close();
            throw new BridgeStartException("the HTTP port " + bindAddress.getHostAddress() + ":" + httpPort
                    + " cannot be bound: " + e.getMessage(), e);
        }
    }

    /**
     * The HTTP port.
     *
     * @return the port of {@code /healthz} and {@code /metrics}; -1 when the bridge has no HTTP port or is not
     *     started
     */
    public int httpPort() {
        Channel channel = httpChannel;
        return channel == null ? -1 : ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /**
     * The server channel type that fits the client's transport: NIO's, or the native transport's, found by name
     * (Netty names them in pairs: {@code EpollSocketChannel} / {@code EpollServerSocketChannel}), so that the bridge
     * needs no native jar of its own — epoll is the application's choice, as for the client.
     */
    private Class<? extends ServerChannel> serverChannelType() {
        Class<? extends SocketChannel> type = client.channelType();
        if (type == NioSocketChannel.class) {
            return NioServerSocketChannel.class;
        }
        String name = type.getName().replace("SocketChannel", "ServerSocketChannel");
        try {
            return Class.forName(name, false, type.getClassLoader()).asSubclass(ServerChannel.class);
        } catch (ClassNotFoundException | ClassCastException e) {
            throw new BridgeStartException("the bridge cannot listen on the client's transport: no server channel "
                    + "matches " + type.getName(), e);
        }
    }

    /** @return the address the RTSP server listens on; {@code null} before {@link #start()} */
    public InetSocketAddress address() {
        Channel channel = serverChannel;
        return channel == null ? null : (InetSocketAddress) channel.localAddress();
    }

    /** @return the port the RTSP server listens on (the one picked when built with port 0); -1 before start */
    public int port() {
        InetSocketAddress address = address();
        return address == null ? -1 : address.getPort();
    }

    /** @return {@code "rtsp listening on HOST:PORT"}: what the {@code fosc bridge} command prints once ready */
    public String listeningLine() {
        InetSocketAddress address = address();
        return address == null ? "rtsp not listening" : "rtsp listening on " + address.getAddress().getHostAddress()
                + ":" + address.getPort();
    }

    /** @return a snapshot of every camera's state, viewers and dropped frames, in the order they were added */
    public List<BridgeCameraStats> stats() {
        return cameras.values().stream().map(BridgeCamera::stats).toList();
    }

    /** The MQTT connection, or {@code null} without an {@code mqtt} section (tests). */
    MqttLink mqttLink() {
        return mqtt;
    }

    /** @return the cameras' names, in the order they were added */
    public List<String> cameraNames() {
        return new ArrayList<>(cameras.keySet());
    }

    /** Closes the listening socket and the camera sessions (not the client) and waits up to 5 s for them. */
    @Override
    public synchronized void close() {
        Channel channel = serverChannel;
        if (channel != null) {
            channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        Channel http = httpChannel;
        if (http != null) {
            http.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        BridgeMetrics meters = metrics;
        if (meters != null) {
            meters.close();
        }
        List<CompletableFuture<?>> all = new ArrayList<>();
        cameras.values().forEach(c -> all.add(c.close()));
        if (mqtt != null) {
            all.add(mqtt.close());
        }
        CompletableFuture<?>[] closing = all.toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(closing).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("closing the camera sessions did not finish: {}", e.toString());
        }
    }

    /** Builds a {@link BridgeServer}. Not thread-safe. */
    public static final class Builder {
        private final FoscClient client;
        private final Map<String, FoscSessionOptions> cameras = new LinkedHashMap<>();
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private int port = 8554;
        private Duration describeTimeout = Duration.ofSeconds(10);
        private WriteBufferWaterMark waterMarks = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);
        private int sendBuffer;
        private Duration talkSilence = Duration.ofSeconds(2);
        private MqttSettings mqtt;
        private int httpPort = -1;
        private String username;
        private String password;
        private BridgeAudioCodec audioCodec = BridgeAudioCodec.PCMU;
        private MeterRegistry meterRegistry;
        private FoscMeterOptions meterOptions = FoscMeterOptions.DEFAULT;

        private Builder(FoscClient client) {
            this.client = Objects.requireNonNull(client, "client");
        }

        /**
         * Adds a camera served at {@code rtsp://HOST:PORT/NAME}.
         *
         * @param name the path of its RTSP URL
         * @param options how its session reaches the camera
         * @return this builder
         * @throws IllegalArgumentException for a name with characters other than letters, digits, '.', '_', '-', or
         *     a name given twice
         */
        public Builder camera(String name, FoscSessionOptions options) {
            if (!name.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("a camera name may only have letters, digits, '.', '_' and '-': "
                        + name);
            }
            if (cameras.putIfAbsent(name, Objects.requireNonNull(options, "options")) != null) {
                throw new IllegalArgumentException("the camera " + name + " is added twice");
            }
            return this;
        }

        /**
         * The address to listen on; the loopback address by default.
         *
         * @param value the address
         * @return this builder
         */
        public Builder bindAddress(InetAddress value) {
            this.bindAddress = Objects.requireNonNull(value, "bindAddress");
            return this;
        }

        /**
         * The RTSP port; 8554 by default, 0 picks a free one ({@link BridgeServer#port()}).
         *
         * @param value 0..65535
         * @return this builder
         */
        public Builder port(int value) {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("the port must be 0..65535: " + value);
            }
            this.port = value;
            return this;
        }

        /**
         * How long a DESCRIBE waits for the camera's first key frame before answering 503; 10 s by default.
         *
         * @param value the wait
         * @return this builder
         */
        public Builder describeTimeout(Duration value) {
            this.describeTimeout = Objects.requireNonNull(value, "describeTimeout");
            return this;
        }

        /**
         * Each viewer connection's write-buffer water marks in bytes; 256 KiB and 1 MiB by default.
         *
         * @param low the low water mark in bytes
         * @param high the high water mark in bytes
         * @return this builder
         */
        public Builder viewerWaterMarks(int low, int high) {
            this.waterMarks = new WriteBufferWaterMark(low, high);
            return this;
        }

        /**
         * How long the backchannel's talk stays open without audio from its talker before it closes (the camera
         * speaker is freed); 2 s by default. A TEARDOWN or a lost connection closes it at once.
         *
         * @param value at least 100 ms
         * @return this builder
         */
        public Builder talkSilence(Duration value) {
            if (value.toMillis() < 100) {
                throw new IllegalArgumentException("the talk silence must be at least 100 ms: " + value);
            }
            this.talkSilence = value;
            return this;
        }

        /**
         * Publishes the cameras' availability, motion and events, and their Home Assistant discovery configs, to an
         * MQTT broker ({@link MqttSettings}); none by default.
         *
         * @param value the broker and topics
         * @return this builder
         */
        public Builder mqtt(MqttSettings value) {
            this.mqtt = value;
            return this;
        }

        /**
         * Serves {@code GET /healthz} (JSON: every camera's state, viewers, dropped frames; 200 when all are
         * connected, else 503) and {@code GET /metrics} (Prometheus text format through Micrometer: the client's
         * {@code fosc_*} meters and, per camera name, {@code fosc_bridge_viewers}, {@code
         * fosc_bridge_frames_dropped_total} and {@code fosc_bridge_session_up}) on this port of the bind address; 0
         * picks a free one ({@link BridgeServer#httpPort()}). None by default.
         *
         * @param value 0..65535
         * @return this builder
         */
        public Builder httpPort(int value) {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("the HTTP port must be 0..65535: " + value);
            }
            this.httpPort = value;
            return this;
        }

        /**
         * Makes RTSP clients authenticate as {@code username} with {@code password} before anything but OPTIONS:
         * they are answered {@code 401 Unauthorized} with two challenges, HTTP Digest (MD5, realm
         * {@code fosc-bridge}, a nonce valid for 60 s to start with) and Basic, and use whichever they support
         * (ffmpeg, VLC, GStreamer and go2rtc take Digest, with the credentials of
         * {@code rtsp://USER:PASSWORD@HOST:PORT/NAME}). A connection that authenticated stays authenticated. The
         * password appears in no log and no {@code toString()}. None by default: anyone who reaches the port may
         * watch and talk.
         *
         * @param username the user name, without ':' (Basic cannot carry one)
         * @param password the password
         * @return this builder
         * @throws IllegalArgumentException for an empty user name or one with ':'
         */
        public Builder credentials(String username, String password) {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            if (username.isEmpty() || username.indexOf(':') >= 0) {
                throw new IllegalArgumentException("the RTSP user name must be non-empty and without ':' (Basic "
                        + "authentication cannot carry one): '" + username + "'");
            }
            this.username = username;
            this.password = password;
            return this;
        }

        /**
         * Registers the meters (the client's {@code fosc.*} and the bridge's {@code fosc.bridge.*}) in the
         * application's own registry instead of a Prometheus registry of the bridge's, so that an application that
         * embeds the bridge exports them its own way; the bridge removes them again when closed and never closes the
         * registry. {@code GET /metrics} (with {@link #httpPort}) then scrapes it if it is a
         * {@code PrometheusMeterRegistry}, and answers 404 otherwise. None by default.
         *
         * @param value the application's registry
         * @return this builder
         */
        public Builder meterRegistry(MeterRegistry value) {
            this.meterRegistry = Objects.requireNonNull(value, "meterRegistry");
            return this;
        }

        /**
         * How the cameras' audio reaches viewers: {@link BridgeAudioCodec#PCMU} (the default) or
         * {@link BridgeAudioCodec#L16}.
         *
         * @param value the codec of every camera's audio track
         * @return this builder
         */
        public Builder audioCodec(BridgeAudioCodec value) {
            this.audioCodec = Objects.requireNonNull(value, "audioCodec");
            return this;
        }

        /**
         * How the meters are tagged: {@link FoscMeterOptions#perCamera()} false drops the per-camera tags (the client's
         * meters are summed over its sessions; the bridge's viewers and dropped frames are summed over the cameras and
         * {@code fosc.bridge.session.up} counts the cameras connected), which keeps a fleet's series count flat;
         * {@link FoscMeterOptions#tags()} go on every meter. {@link FoscMeterOptions#DEFAULT} by default.
         *
         * @param value the options
         * @return this builder
         */
        public Builder meterOptions(FoscMeterOptions value) {
            this.meterOptions = Objects.requireNonNull(value, "meterOptions");
            return this;
        }

        /** The viewer sockets' SO_SNDBUF (tests: a small one makes a stalled viewer visible at once). */
        Builder socketSendBuffer(int bytes) {
            this.sendBuffer = bytes;
            return this;
        }

        /**
         * The bridge; nothing runs before {@link BridgeServer#start()}.
         *
         * @return the bridge
         */
        public BridgeServer build() {
            return new BridgeServer(this);
        }
    }
}
