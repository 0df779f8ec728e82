package dev.fosc.client;

import dev.fosc.client.internal.DefaultFoscSession;
import dev.fosc.client.internal.FoscSessionRegistry;
import dev.fosc.client.internal.FoscTransport;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.DefaultAddressResolverGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The entry point: multiplexes any number of camera sessions on a small event-loop group.
 *
 * <pre>{@code
 * try (FoscClient client = FoscClient.create()) {
 *     FoscSession cam = client.newSession(FoscSessionOptions.builder("192.168.1.20",
 *             FoscCredentials.of("admin", secret)).build(), listener);
 *     cam.connect().join();
 *     cam.videoOn(FoscStream.MAIN).join();
 *     ...
 * }
 * }</pre>
 *
 * Credentials are {@link dev.fosc.codec.FoscCredentials} from fosc-codec (a dependency of fosc-client); see
 * {@link FoscSessionOptions#builder(String, dev.fosc.codec.FoscCredentials)}.
 *
 * <h2>Resources</h2>
 * {@link #create()} makes the client own a {@code MultiThreadIoEventLoopGroup} of {@link #DEFAULT_THREADS}
 * threads with the {@link #DEFAULT_TRANSPORT} transport: native epoll when the application added Netty's native
 * epoll jar and it loads, NIO otherwise (see {@link FoscTransportKind}); {@link Builder#eventLoopGroup} shares one
 * the application owns. A client shuts down only the group it created.
 *
 * <h2>Name resolution</h2>
 * Camera host names are resolved with Netty's asynchronous DNS resolver (the hosts file, then the system's name
 * servers), never by a blocking lookup on an event loop, which hundreds of other cameras share. A channel type the
 * client does not know (set with {@link Builder#channelType}, neither NIO nor epoll) falls back to the JDK's
 * blocking resolver.
 *
 * <h2>Threading</h2>
 * Thread-safe. Each session is pinned to one event loop of the group ({@code group.next()} at creation) for its
 * whole life; thousands of sessions share the few loops, never a thread per camera. {@link #close()} blocks and
 * therefore refuses to run on an event loop thread; {@link #closeAsync()} does not block.
 *
 * <h2>Shutdown</h2>
 * {@link #close()} closes every session (CLOSE is sent to logged-in cameras, nothing reconnects), waits up to
 * {@link Builder#shutdownTimeout} for their connections to close, then shuts the owned group down. A closed
 * client refuses new sessions with {@link FoscSessionClosedException}.
 */
public final class FoscClient implements AutoCloseable {

    /** Event-loop threads of a client-owned group: the number of available processors. */
    public static final int DEFAULT_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
    /** How long {@link #close()} waits for sessions to close and the owned group to stop. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);
    /**
     * The transport of a client-owned group: {@link FoscTransportKind#AUTO}, native epoll when it loads, NIO (said
     * once in the log) otherwise.
     */
    public static final FoscTransportKind DEFAULT_TRANSPORT = FoscTransportKind.AUTO;

    private static final Logger LOG = LoggerFactory.getLogger(FoscClient.class);

    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final Class<? extends SocketChannel> channelType;
    private final Duration shutdownTimeout;
    private final AddressResolverGroup<InetSocketAddress> resolver;
    private final FoscSessionRegistry sessions = new FoscSessionRegistry();
    private volatile boolean closed;
    private volatile CompletableFuture<Void> closeFuture;

    private FoscClient(Builder b) {
        if (b.group != null) {
            this.group = b.group;
            this.ownsGroup = false;
        } else {
            this.group = FoscTransport.newGroup(b.threads, b.transport);
            this.ownsGroup = true;
        }
        this.channelType = b.channelType != null ? b.channelType : FoscTransport.channelType(group);
        this.resolver = FoscTransport.newResolverGroup(channelType);
        this.shutdownTimeout = b.shutdownTimeout;
    }

    /**
     * A client with its own group of {@link #DEFAULT_THREADS} threads on the {@link #DEFAULT_TRANSPORT} transport
     * (native epoll when it loads, NIO otherwise).
     *
     * @return the client
     */
    public static FoscClient create() {
        return builder().build();
    }

    /** {@return a builder with the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the event-loop group the sessions live on} */
    public EventLoopGroup eventLoopGroup() {
        return group;
    }

    /** {@return the socket channel type in use ({@code EpollSocketChannel} or {@code NioSocketChannel})} */
    public Class<? extends SocketChannel> channelType() {
        return channelType;
    }

    /** {@return whether the client created (and will shut down) its group} */
    public boolean ownsEventLoopGroup() {
        return ownsGroup;
    }

    /**
     * {@return a new session without a listener (use its {@code Flow} publishers)} Nothing connects until {@code
     * connect()}.
     *
     * @param options the options
     */
    public FoscSession newSession(FoscSessionOptions options) {
        return newSession(options, null);
    }

    /**
     * A new session pinned to the next event loop of the group. Nothing connects until
     * {@link FoscSession#connect()}.
     *
     * @param listener receives state changes, frames and events on the session's event loop; may be {@code null}
     * @throws FoscSessionClosedException if the client is closed
     * @param options the options
     * @return a new session pinned to the next event loop of the group
     */
    public FoscSession newSession(FoscSessionOptions options, FoscSessionListener listener) {
        Objects.requireNonNull(options, "options");
        if (closed) {
            throw new FoscSessionClosedException("the FoscClient is closed; no new session for " + options.host());
        }
        EventLoop loop = (EventLoop) group.next();
        DefaultFoscSession session = new DefaultFoscSession(options, loop, channelType, listener, sessions::remove,
                () -> ThreadLocalRandom.current().nextDouble(), resolver);
        sessions.add(session);
        if (closed) { // raced with close(): do not leave it behind
            session.close();
        }
        return session;
    }

    /** {@return the sessions neither closed nor failed} */
    public List<FoscSession> sessions() {
        return sessions.sessions();
    }

    /**
     * {@return the client's counters: the sum over its live sessions plus the totals of those that ended (so no counter
     * ever goes backwards), and its sessions by state} Cheap enough to call every few seconds with thousands of
     * sessions (a sum of their volatile counters, no I/O, nothing allocated per session). Sessions never wait for
     * it, except one that ends (or one created) at that very moment, for the length of the sum. Works after
     * {@link #close()} too.
     */
    public FoscClientStats stats() {
        return sessions.stats();
    }

    /**
     * Tells {@code observer} of each session that joins or leaves the client from now on, and at once (on this
     * thread) of each live session. Adding the same observer twice changes nothing. See
     * {@link FoscSessionObserver} for the threads the calls run on.
     *
     * @param observer the observer
     */
    public void addSessionObserver(FoscSessionObserver observer) {
        sessions.addObserver(Objects.requireNonNull(observer, "observer"));
    }

    /**
     * Stops telling {@code observer}; false if it was not added.
     *
     * @param observer the observer
     * @return whether {@code observer} had been added
     */
    public boolean removeSessionObserver(FoscSessionObserver observer) {
        return sessions.removeObserver(observer);
    }

    /**
     * Closes every session (no reconnects), then shuts the owned group down. Never blocks; idempotent. The future
     * completes when all of it is done.
     *
     * @return a future completing once every session is closed and the owned group shut down
     */
    public synchronized CompletableFuture<Void> closeAsync() {
        if (closeFuture != null) {
            return closeFuture;
        }
        closed = true;
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (DefaultFoscSession s : sessions.liveSessions()) {
            closing.add(s.close());
        }
        LOG.debug("closing {} session(s)", closing.size());
        CompletableFuture<Void> sessionsClosed = CompletableFuture.allOf(closing.toArray(new CompletableFuture<?>[0]))
                .orTimeout(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS);
        CompletableFuture<Void> done = new CompletableFuture<>();
        sessionsClosed.whenComplete((v, e) -> {
            if (e != null) {
                LOG.warn("sessions did not all close within {}: {}", shutdownTimeout, e.toString());
            }
            if (resolver != DefaultAddressResolverGroup.INSTANCE) {
                resolver.close(); // its resolvers' UDP channels live on the group's loops
            }
            if (!ownsGroup) {
                done.complete(null);
                return;
            }
            Future<?> shutdown = group.shutdownGracefully(0, shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS);
            shutdown.addListener(f -> done.complete(null));
        });
        closeFuture = done;
        return done;
    }

    /**
     * Closes every session and shuts the owned group down, waiting for it (bounded by the shutdown timeout, twice:
     * sessions, then the group).
     *
     * @throws IllegalStateException if called on an event loop thread (it would wait for itself)
     */
    @Override
    public void close() {
        for (EventExecutor executor : group) {
            if (executor.inEventLoop()) {
                throw new IllegalStateException("FoscClient.close() blocks and cannot run on an event loop thread; "
                        + "use closeAsync()");
            }
        }
        CompletableFuture<Void> f = closeAsync();
        try {
            f.get(shutdownTimeout.toMillis() * 2 + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("FoscClient shutdown incomplete: {}", e.toString());
        }
    }

    /** Builds a {@link FoscClient}. Not thread-safe. */
    public static final class Builder {
        private int threads = DEFAULT_THREADS;
        private FoscTransportKind transport = DEFAULT_TRANSPORT;
        private EventLoopGroup group;
        private Class<? extends SocketChannel> channelType;
        private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;

        private Builder() {
        }

        /**
         * Threads of the client-owned group (ignored with {@link #eventLoopGroup}). Default {@link #DEFAULT_THREADS}.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder threads(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("threads must be positive: " + value);
            }
            this.threads = value;
            return this;
        }

        /**
         * The transport of a client-owned group (ignored with {@link #eventLoopGroup}). Default
         * {@link #DEFAULT_TRANSPORT}, {@link FoscTransportKind#AUTO}: native epoll when the application added
         * {@code io.netty:netty-transport-native-epoll} for its platform and it loads, NIO otherwise.
         * {@link FoscTransportKind#EPOLL} makes {@link #build()} fail when epoll is not available.
         *
         * @param value the transport kind; not {@code null}
         * @return this builder
         */
        public Builder transport(FoscTransportKind value) {
            this.transport = Objects.requireNonNull(value, "transport");
            return this;
        }

        /**
         * Shares a group the application owns (the client never shuts it down). The channel type is chosen to fit
         * it (epoll for an epoll group, NIO otherwise) unless {@link #channelType} says otherwise.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder eventLoopGroup(EventLoopGroup value) {
            this.group = Objects.requireNonNull(value, "eventLoopGroup");
            return this;
        }

        /**
         * The socket channel type; it must fit the group. Default: chosen from the group.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder channelType(Class<? extends SocketChannel> value) {
            this.channelType = Objects.requireNonNull(value, "channelType");
            return this;
        }

        /**
         * How long shutdown waits for sessions to close and the owned group to stop.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder shutdownTimeout(Duration value) {
            Objects.requireNonNull(value, "shutdownTimeout");
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("shutdownTimeout must be positive: " + value);
            }
            this.shutdownTimeout = value;
            return this;
        }

        /**
         * The client.
         *
         * @return the client
         * @throws IllegalStateException if {@link FoscTransportKind#EPOLL} was chosen and native epoll is not
         *         available (the message says why)
         */
        public FoscClient build() {
            return new FoscClient(this);
        }
    }
}
