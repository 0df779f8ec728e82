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
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPubAckMessage;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The bridge's MQTT connection (MQTT 3.1.1 with Netty's {@code netty-codec-mqtt}, on one event loop of the client's
 * group, over TCP or TLS): connects with the last will {@code PREFIX/bridge/status = offline} (retained), publishes
 * {@code online} once accepted, subscribes to Home Assistant's birth topic {@value #HA_STATUS_TOPIC}, keeps the
 * connection alive with PINGREQ, and reconnects on its own (0.5 s doubling to 30 s).
 *
 * <p>Retained values ({@link #publishRetained}) are remembered and published again after every reconnect and
 * whenever Home Assistant announces itself ({@code online} on {@value #HA_STATUS_TOPIC}, sent live, not a retained
 * copy), so the broker and Home Assistant always end up with the discovery configs and the latest states. Events
 * ({@link #publishEvent}) are dropped while disconnected or while the connection is not writable, so MQTT never holds
 * camera traffic up.
 *
 * <p>QoS 0 by default. With QoS 1 every PUBLISH is kept until its PUBACK, at most {@link MqttSettings#maxInFlight()}
 * at a time: past that an event is dropped (counted, {@link #droppedEvents()}) and a retained value waits for a free
 * slot (only its latest value is then sent, so the wait is bounded by the number of retained topics). Messages still
 * unacknowledged when the connection drops are sent again after the reconnect (events as they were, retained topics
 * with their latest value). Inbound QoS 1 messages (the birth topic) are acknowledged.
 *
 * <p><b>Threading:</b> every method may be called from any thread; state lives on {@link #loop} only.
 */
final class MqttLink {

    /** Home Assistant's birth and last-will topic: {@code online} when it (re)starts. */
    static final String HA_STATUS_TOPIC = "homeassistant/status";

    private static final Logger log = LoggerFactory.getLogger(MqttLink.class);
    private static final int KEEP_ALIVE_SECONDS = 30;
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    /** A QoS 1 PUBLISH waiting for its PUBACK. */
    private record Pending(String topic, String payload, boolean retain) {
    }

    private final MqttSettings settings;
    private final EventLoop loop;
    private final Class<? extends SocketChannel> channelType;
    private final SslContext ssl;
    private final MqttQoS qos;
    private final String statusTopic;
    private final String clientId;
    private final Map<String, String> retained = new LinkedHashMap<>();
    /** Retained topics whose latest value this connection has not published yet (QoS 1: waiting for a slot). */
    private final Set<String> unsent = new LinkedHashSet<>();
    private final Map<Integer, Pending> inFlight = new LinkedHashMap<>();
    private int lastId;
    private Channel channel;
    private boolean connected;
    private boolean closed;
    private long backoffMillis = 500;
    private volatile long droppedEvents;
    private volatile int inFlightCount;
    private volatile long republished;

    MqttLink(MqttSettings settings, EventLoop loop, Class<? extends SocketChannel> channelType) {
        this.settings = settings;
        this.loop = loop;
        this.channelType = channelType;
        this.ssl = settings.tls() ? sslContext(settings) : null;
        this.qos = settings.qos() == 1 ? MqttQoS.AT_LEAST_ONCE : MqttQoS.AT_MOST_ONCE;
        this.statusTopic = settings.prefix() + "/bridge/status";
        this.clientId = "fosc-bridge-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xFFFFFFFFL);
        retained.put(statusTopic, "online");
    }

    private static SslContext sslContext(MqttSettings settings) {
        try {
            SslContextBuilder b = SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS");
            if (settings.caFile() != null) {
                b.trustManager(settings.caFile().toFile());
            }
            return b.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the MQTT TLS settings cannot be used (CA file " + settings.caFile()
                    + "): " + e.getMessage(), e);
        }
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
                unsent.add(topic);
                drain();
            }
        });
    }

    /**
     * Publishes {@code payload} on {@code topic} if connected, writable and (QoS 1) under the in-flight limit; drops it
     * otherwise.
     */
    void publishEvent(String topic, String payload) {
        loop.execute(() -> {
            if (connected && channel.isWritable() && (qos == MqttQoS.AT_MOST_ONCE
                    || inFlight.size() < settings.maxInFlight())) {
                publish(topic, payload, false);
                channel.flush();
            } else {
                droppedEvents++; // a single writer: the loop
            }
        });
    }

    /** @return events dropped so far (disconnected, not writable, or the QoS 1 in-flight limit reached) */
    long droppedEvents() {
        return droppedEvents;
    }

    /** @return QoS 1 messages waiting for their PUBACK now */
    int inFlightCount() {
        return inFlightCount;
    }

    /** @return how many times the retained values were published again for Home Assistant's birth message */
    long republished() {
        return republished;
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
                        if (ssl != null) {
                            SslHandler tls = ssl.newHandler(ch.alloc(), settings.host(), settings.port());
                            SSLParameters parameters = tls.engine().getSSLParameters();
                            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate names the host
                            tls.engine().setSSLParameters(parameters);
                            ch.pipeline().addLast(tls);
                        }
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
                    .willRetain(true).willQoS(qos);
            if (settings.username() != null) {
                connect.hasUser(true).username(settings.username());
                if (settings.password() != null) {
                    connect.hasPassword(true).password(settings.password().getBytes(StandardCharsets.UTF_8));
                }
            }
            channel.writeAndFlush(connect.build()); // over TLS the SslHandler holds it until the handshake is done
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

    /** Accepted: subscribe to the birth topic, send again what was unacknowledged, then every retained value. */
    private void connected() {
        connected = true;
        backoffMillis = 500;
        log.info("mqtt: connected to {}:{}{}", settings.host(), settings.port(), ssl != null ? " (TLS)" : "");
        channel.write(MqttMessageBuilders.subscribe().messageId(nextId()).addSubscription(qos, HA_STATUS_TOPIC)
                .build());
        List<Pending> again = new ArrayList<>(inFlight.values());
        inFlight.clear();
        for (Pending p : again) {
            if (!p.retain()) {
                publish(p.topic(), p.payload(), false); // retained topics go out below with their latest value
            }
        }
        inFlightCount = inFlight.size();
        unsent.addAll(retained.keySet());
        drain();
    }

    /** Publishes the unsent retained values, as far as the in-flight limit allows (QoS 1). */
    private void drain() {
        var it = unsent.iterator();
        while (it.hasNext() && (qos == MqttQoS.AT_MOST_ONCE || inFlight.size() < settings.maxInFlight())) {
            String topic = it.next();
            it.remove();
            publish(topic, retained.get(topic), true);
        }
        channel.flush();
    }

    /** Writes (without flushing) one PUBLISH at the link's QoS; with QoS 1 it is in flight until its PUBACK. */
    private void publish(String topic, String payload, boolean retain) {
        int id = 0;
        if (qos == MqttQoS.AT_LEAST_ONCE) {
            id = nextId();
            inFlight.put(id, new Pending(topic, payload, retain));
            inFlightCount = inFlight.size();
        }
        channel.write(MqttMessageBuilders.publish().topicName(topic).retained(retain).qos(qos).messageId(id)
                .payload(Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8)).build());
    }

    /** The next packet id, 1..65535, not one in flight. */
    private int nextId() {
        do {
            lastId = lastId % 65535 + 1;
        } while (inFlight.containsKey(lastId));
        return lastId;
    }

    /** The connection's inbound side: CONNACK, PUBACK, SUBACK, the birth topic, PINGRESP, loss. */
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
                    connected();
                } else if (msg instanceof MqttPubAckMessage ack) {
                    if (inFlight.remove(ack.variableHeader().messageId()) != null) {
                        inFlightCount = inFlight.size();
                        drain();
                    }
                } else if (msg instanceof MqttSubAckMessage ack) {
                    if (ack.payload().grantedQoSLevels().contains(0x80)) {
                        log.warn("mqtt: the broker refused the subscription to {}: Home Assistant's restarts will"
                                + " not make the bridge publish its discovery again", HA_STATUS_TOPIC);
                    }
                } else if (msg instanceof MqttPublishMessage publish) {
                    received(ctx, publish);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        /** Home Assistant (re)started: publish the discovery configs and the states again. */
        private void received(ChannelHandlerContext ctx, MqttPublishMessage publish) {
            if (publish.fixedHeader().qosLevel() == MqttQoS.AT_LEAST_ONCE) {
                ctx.write(new MqttPubAckMessage(new MqttFixedHeader(MqttMessageType.PUBACK, false,
                        MqttQoS.AT_MOST_ONCE, false, 2),
                        MqttMessageIdVariableHeader.from(publish.variableHeader().packetId())));
            }
            String payload = publish.payload().toString(StandardCharsets.UTF_8).trim();
            // A retained copy comes with the subscription, not from a restart: the bridge has just published anyway.
            if (HA_STATUS_TOPIC.equals(publish.variableHeader().topicName()) && "online".equals(payload)
                    && !publish.fixedHeader().isRetain()) {
                log.info("mqtt: Home Assistant is online: publishing the discovery configs and states again");
                republished++;
                unsent.addAll(retained.keySet());
                drain();
            } else {
                ctx.flush();
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent && connected) {
                ctx.writeAndFlush(new MqttMessage(new MqttFixedHeader(MqttMessageType.PINGREQ, false,
                        MqttQoS.AT_MOST_ONCE, false, 0)));
            } else if (evt instanceof SslHandshakeCompletionEvent tls && !tls.isSuccess()) {
                log.warn("mqtt: the TLS handshake with {}:{} failed: {}", settings.host(), settings.port(),
                        tls.cause().getMessage());
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
