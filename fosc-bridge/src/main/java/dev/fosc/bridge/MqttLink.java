package dev.fosc.bridge;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The bridge's MQTT connection (MQTT 3.1.1 with Netty's {@code netty-codec-mqtt}, on one event loop of the client's
 * group): connects with the last will {@code PREFIX/bridge/status = offline} (retained), publishes
 * {@code online} once accepted, keeps the connection alive with PINGREQ, and reconnects on its own (0.5 s doubling
 * to 30 s). Retained values ({@link #publishRetained}) are remembered and published again after every reconnect, so
 * the broker always ends up with the latest; events ({@link #publishEvent}) are dropped while disconnected or while
 * the connection is not writable, so MQTT never holds camera traffic up. QoS 0.
 *
 * <p><b>Threading:</b> every method may be called from any thread; state lives on {@link #loop} only.
 */
final class MqttLink {

    private static final Logger log = LoggerFactory.getLogger(MqttLink.class);
    private static final int KEEP_ALIVE_SECONDS = 30;
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    private final MqttSettings settings;
    private final EventLoop loop;
    private final Class<? extends SocketChannel> channelType;
    private final String statusTopic;
    private final String clientId;
    private final Map<String, String> retained = new LinkedHashMap<>();
    private Channel channel;
    private boolean connected;
    private boolean closed;
    private long backoffMillis = 500;

    MqttLink(MqttSettings settings, EventLoop loop, Class<? extends SocketChannel> channelType) {
        this.settings = settings;
        this.loop = loop;
        this.channelType = channelType;
        this.statusTopic = settings.prefix() + "/bridge/status";
        this.clientId = "fosc-bridge-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xFFFFFFFFL);
    }

    /** Starts connecting (in the background). */
    void start() {
        loop.execute(this::connect);
    }

    /** Publishes {@code payload} retained on {@code topic} now if connected, and after every reconnect. */
    void publishRetained(String topic, String payload) {
        loop.execute(() -> {
            retained.put(topic, payload);
            if (connected) {
                publish(topic, payload, true);
            }
        });
    }

    /** Publishes {@code payload} on {@code topic} if connected and writable; drops it otherwise. */
    void publishEvent(String topic, String payload) {
        loop.execute(() -> {
            if (connected && channel.isWritable()) {
                publish(topic, payload, false);
            }
        });
    }

    /** Publishes {@code offline}, disconnects and stops reconnecting. */
    CompletableFuture<Void> close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            closed = true;
            if (channel == null) {
                done.complete(null);
                return;
            }
            if (connected) {
                publish(statusTopic, "offline", true);
                channel.writeAndFlush(MqttMessage.DISCONNECT);
            }
            channel.close().addListener(f -> done.complete(null));
        });
        return done;
    }

    private void connect() {
        if (closed) {
            return;
        }
        Bootstrap bootstrap = new Bootstrap().group(loop).channel(channelType)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new IdleStateHandler(0, KEEP_ALIVE_SECONDS / 2, 0),
                                new MqttDecoder(), MqttEncoder.INSTANCE, new Handler());
                    }
                });
        ChannelFuture f = bootstrap.connect(settings.host(), settings.port());
        channel = f.channel();
        f.addListener(done -> {
            if (!done.isSuccess()) {
                log.info("mqtt: the broker {}:{} cannot be reached ({}); trying again in {} ms", settings.host(),
                        settings.port(), done.cause().getMessage(), backoffMillis);
                reconnectLater();
                return;
            }
            MqttMessageBuilders.ConnectBuilder connect = MqttMessageBuilders.connect().clientId(clientId)
                    .protocolVersion(MqttVersion.MQTT_3_1_1).cleanSession(true).keepAlive(KEEP_ALIVE_SECONDS)
                    .willFlag(true).willTopic(statusTopic).willMessage("offline".getBytes(StandardCharsets.UTF_8))
                    .willRetain(true).willQoS(MqttQoS.AT_MOST_ONCE);
            if (settings.username() != null) {
                connect.hasUser(true).username(settings.username());
                if (settings.password() != null) {
                    connect.hasPassword(true).password(settings.password().getBytes(StandardCharsets.UTF_8));
                }
            }
            channel.writeAndFlush(connect.build());
        });
    }

    private void reconnectLater() {
        if (closed) {
            return;
        }
        long delay = backoffMillis;
        backoffMillis = Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
        loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    private void publish(String topic, String payload, boolean retain) {
        channel.writeAndFlush(MqttMessageBuilders.publish().topicName(topic).retained(retain)
                .qos(MqttQoS.AT_MOST_ONCE).messageId(0)
                .payload(Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8)).build());
    }

    /** The connection's inbound side: CONNACK, PINGRESP, loss. */
    private final class Handler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof MqttConnAckMessage ack) {
                    MqttConnectReturnCode code = ack.variableHeader().connectReturnCode();
                    if (code != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
                        log.warn("mqtt: the broker refused the connection: {}", code);
                        ctx.close();
                        return;
                    }
                    connected = true;
                    backoffMillis = 500;
                    log.info("mqtt: connected to {}:{}", settings.host(), settings.port());
                    publish(statusTopic, "online", true);
                    retained.forEach((topic, payload) -> publish(topic, payload, true));
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent && connected) {
                ctx.writeAndFlush(new MqttMessage(new MqttFixedHeader(MqttMessageType.PINGREQ, false,
                        MqttQoS.AT_MOST_ONCE, false, 0)));
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (connected && !closed) {
                log.info("mqtt: the connection to {}:{} was lost; reconnecting", settings.host(), settings.port());
            }
            connected = false;
            reconnectLater();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("mqtt: {}", cause.toString());
            ctx.close();
        }
    }
}
