package dev.fosc.client.internal;

import dev.fosc.client.FoscConnectionMode;
import dev.fosc.client.FoscSessionOptions;
import dev.fosc.codec.FoscCodecOptions;
import dev.fosc.codec.FoscPipelines;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.resolver.AddressResolverGroup;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The connections of one session to its camera: a single one ({@link FoscConnectionMode#SINGLE}), or the SDK's
 * pair of a control connection that logs in and a media connection that carries video and audio
 * ({@link FoscConnectionMode#CONTROL_AND_MEDIA}). Opens them (bootstrap, codec pipeline, handler), knows which one
 * media requests go to, switches their reading on and off, and closes both.
 *
 * <p>Threading: used only on the session's event loop, which is also the loop of every channel it opens; no locks.
 * It keeps no session state beyond the connections: the session decides when to open and drop them.
 */
final class FoscConnectionPair {

    private final FoscSessionOptions options;
    private final FoscConnectionMode mode;
    private final EventLoop loop;
    private final Class<? extends Channel> channelType;
    private final AddressResolverGroup<InetSocketAddress> resolver;
    private final InetSocketAddress remote;
    private final String address;
    private final int uid;
    private final FoscCodecOptions codecOptions;
    private final FoscConnectionListener listener;
    private final BiConsumer<FoscConnectionHandler, Throwable> connectFailed;

    private FoscConnectionHandler control;
    private FoscConnectionHandler media;
    private boolean mediaReady;

    /**
     * @param listener told what each connection does (on the loop)
     * @param connectFailed told when a connection could not be established (on the loop)
     */
    FoscConnectionPair(FoscSessionOptions options, EventLoop loop, Class<? extends Channel> channelType,
                       AddressResolverGroup<InetSocketAddress> resolver, InetSocketAddress remote, String address,
                       int uid, FoscConnectionListener listener,
                       BiConsumer<FoscConnectionHandler, Throwable> connectFailed) {
        this.options = options;
        this.mode = options.quirks().connectionMode();
        this.loop = loop;
        this.channelType = channelType;
        this.resolver = resolver;
        this.remote = remote;
        this.address = address;
        this.uid = uid;
        this.codecOptions = FoscCodecOptions.builder().preamble(options.quirks().preamble()).hostHeader(address)
                .maxPayloadLength(options.maxPayloadLength()).build();
        this.listener = listener;
        this.connectFailed = connectFailed;
    }

    /** The connection that logs in (the only one in single mode), or {@code null}. */
    FoscConnectionHandler control() {
        return control;
    }

    /** The media connection (control-and-media mode only), or {@code null}. */
    FoscConnectionHandler media() {
        return media;
    }

    /** Whether the media connection is active and can take media requests. */
    boolean mediaReady() {
        return mediaReady;
    }

    boolean isControl(FoscConnectionHandler handler) {
        return handler == control;
    }

    /** Whether {@code handler} is one of this session's current connections. */
    boolean isCurrent(FoscConnectionHandler handler) {
        return handler != null && (handler == control || handler == media);
    }

    /** Opens the connection that logs in. */
    void openControl() {
        control = open(mode == FoscConnectionMode.SINGLE ? FoscConnectionRole.SINGLE : FoscConnectionRole.CONTROL);
    }

    /** Opens the media connection, if the mode has one and it is not open yet. */
    void openMediaIfMissing() {
        if (mode == FoscConnectionMode.CONTROL_AND_MEDIA && media == null) {
            media = open(FoscConnectionRole.MEDIA);
        }
    }

    /** The media connection became active. */
    void markMediaReady() {
        mediaReady = true;
    }

    /** The connection media requests go to while logged in, or {@code null} when there is none ready. */
    FoscConnectionHandler mediaTarget() {
        if (mode == FoscConnectionMode.SINGLE) {
            return control;
        }
        return mediaReady ? media : null;
    }

    /**
     * Whether a connection exists on which the camera may send audio (logging in again, or the media connection
     * not ready yet) even though media requests cannot go out now.
     */
    boolean audioMayFlow() {
        return mode == FoscConnectionMode.SINGLE ? control != null : media != null;
    }

    /**
     * Turns reading on or off on both connections (their request timeouts stand still while it is off). A connection
     * opened later starts reading: the session applies its reading state once the connection is logged in (control)
     * or active (media).
     */
    void setAutoRead(boolean read) {
        if (control != null) {
            control.setReading(read);
        }
        if (media != null) {
            media.setReading(read);
        }
    }

    /** {@code lost} was lost (or never came up): forgets both connections, then closes it and the other one. */
    void dropAll(FoscConnectionHandler lost, Throwable cause) {
        FoscConnectionHandler other = lost == control ? media : control;
        control = null;
        media = null;
        mediaReady = false;
        lost.close(cause);
        if (other != null) {
            other.close(cause);
        }
    }

    /**
     * The session ends: closes both (gracefully, CLOSE first when logged in, if {@code graceful}) and forgets them.
     *
     * @return the close futures of the channels that were open
     */
    List<ChannelFuture> closeAll(boolean graceful, Throwable cause) {
        List<ChannelFuture> closing = new ArrayList<>();
        for (FoscConnectionHandler conn : new FoscConnectionHandler[] {control, media}) {
            if (conn != null && conn.channel() != null) {
                closing.add(graceful ? conn.closeGracefully(cause) : conn.close(cause));
            }
        }
        control = null;
        media = null;
        mediaReady = false;
        return closing;
    }

    private FoscConnectionHandler open(FoscConnectionRole role) {
        FoscConnectionHandler handler = new FoscConnectionHandler(role, options, uid, address, listener);
        Bootstrap bootstrap = new Bootstrap().group(loop).channel(channelType).resolver(resolver)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        FoscClientDecoder decoder = new FoscClientDecoder(codecOptions.maxPayloadLength(), handler);
                        FoscPipelines.installClient(ch.pipeline(), codecOptions, decoder);
                        ch.config().setRecvByteBufAllocator(new FoscReceiveBuffers(decoder));
                        ch.pipeline().addLast(FoscConnectionHandler.NAME, handler);
                    }
                });
        ChannelFuture connect = bootstrap.connect(remote);
        handler.attach(connect.channel());
        connect.addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                connectFailed.accept(handler, f.cause());
            }
        });
        return handler;
    }
}
