package dev.fosc.bridge;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the bridge publishes the cameras' events ({@link BridgeServer.Builder#mqtt(MqttSettings)}): the broker
 * ({@code tcp://HOST:PORT}, or {@code ssl://} / {@code mqtts://} for TLS), optional credentials, the topic prefix
 * ({@code fosc}), how long after the last motion event {@code PREFIX/NAME/motion} turns {@code OFF}, the QoS (0 by
 * default, 1 as an option) and, for TLS, the CA certificates to trust (the JDK's trust store by default). The password
 * is never shown by {@link #toString()}. Immutable.
 */
public final class MqttSettings {

    /** The topic prefix when none is given. */
    public static final String DEFAULT_PREFIX = "fosc";
    /** The quiet time after which motion turns OFF when none is given. */
    public static final Duration DEFAULT_MOTION_OFF_AFTER = Duration.ofSeconds(30);
    /** The QoS when none is given: 0, at most once (what a lost event costs is small; the state is retained). */
    public static final int DEFAULT_QOS = 0;
    /**
     * With QoS 1, how many PUBLISH messages may wait for their PUBACK when none is given. Past it, events are dropped
     * (counted) and retained values wait for a free slot (only their latest value is sent).
     */
    public static final int DEFAULT_MAX_IN_FLIGHT = 64;
    /** The broker's port for {@code tcp://} when the URL has none. */
    public static final int DEFAULT_PORT = 1883;
    /** The broker's port for {@code ssl://} and {@code mqtts://} when the URL has none. */
    public static final int DEFAULT_TLS_PORT = 8883;

    private final String host;
    private final int port;
    private final String username;
    private final String password;
    private final String prefix;
    private final Duration motionOffAfter;
    private final boolean tls;
    private final Path caFile;
    private final int qos;
    private final int maxInFlight;

    private MqttSettings(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.username = b.username;
        this.password = b.password;
        this.prefix = b.prefix;
        this.motionOffAfter = b.motionOffAfter;
        this.tls = b.tls;
        this.caFile = b.caFile;
        this.qos = b.qos;
        this.maxInFlight = b.maxInFlight;
    }

    /**
     * A builder for the broker at {@code url}: {@code tcp://HOST[:PORT]} (or {@code mqtt://}; port 1883 by default),
     * or over TLS {@code ssl://HOST[:PORT]} (or {@code mqtts://}; port 8883 by default), where the broker's
     * certificate must be trusted ({@link Builder#caFile}, else the JDK's trust store) and name {@code HOST}.
     *
     * @param url the broker's URL
     * @return a builder with the defaults
     * @throws IllegalArgumentException for another scheme or no host
     */
    public static Builder builder(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the MQTT URL is not a URL: " + e.getMessage(), e);
        }
        String scheme = uri.getScheme();
        boolean tls = "ssl".equals(scheme) || "mqtts".equals(scheme);
        if (!tls && !"tcp".equals(scheme) && !"mqtt".equals(scheme)) {
            throw new IllegalArgumentException("the MQTT URL must start with tcp://, mqtt://, ssl:// or mqtts://: "
                    + scheme);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("the MQTT URL has no host");
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : tls ? DEFAULT_TLS_PORT : DEFAULT_PORT;
        return new Builder(uri.getHost(), port, tls);
    }

    /** @return the broker's host */
    public String host() {
        return host;
    }

    /** @return the broker's port */
    public int port() {
        return port;
    }

    /** @return the user name, or {@code null} for an anonymous connection */
    public String username() {
        return username;
    }

    /** @return the password, or {@code null} */
    public String password() {
        return password;
    }

    /** @return the topic prefix ({@value #DEFAULT_PREFIX} unless set) */
    public String prefix() {
        return prefix;
    }

    /** @return how long after the last motion event motion turns {@code OFF} */
    public Duration motionOffAfter() {
        return motionOffAfter;
    }

    /** @return whether the connection is TLS ({@code ssl://} or {@code mqtts://}) */
    public boolean tls() {
        return tls;
    }

    /** @return the PEM file of the CA certificates trusted for TLS, or {@code null} for the JDK's trust store */
    public Path caFile() {
        return caFile;
    }

    /** @return the QoS of what the bridge publishes and subscribes to: 0 or 1 ({@value #DEFAULT_QOS} unless set) */
    public int qos() {
        return qos;
    }

    /** @return with QoS 1, how many PUBLISH messages may wait for their PUBACK at once */
    public int maxInFlight() {
        return maxInFlight;
    }

    @Override
    public String toString() {
        return "MqttSettings[" + (tls ? "ssl" : "tcp") + "://" + host + ":" + port + ", user=" + username
                + ", password=" + (password == null ? "none" : "***") + ", prefix=" + prefix + ", qos=" + qos
                + (caFile == null ? "" : ", ca=" + caFile) + "]";
    }

    /** Builds {@link MqttSettings}. Not thread-safe. */
    public static final class Builder {
        private final String host;
        private final int port;
        private String username;
        private String password;
        private String prefix = DEFAULT_PREFIX;
        private Duration motionOffAfter = DEFAULT_MOTION_OFF_AFTER;
        private final boolean tls;
        private Path caFile;
        private int qos = DEFAULT_QOS;
        private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;

        private Builder(String host, int port, boolean tls) {
            this.host = host;
            this.port = port;
            this.tls = tls;
        }

        /**
         * The QoS of everything the bridge publishes (and of its subscription to {@code homeassistant/status}):
         * 0 (at most once, the default) or 1 (at least once: each PUBLISH is kept until the broker's PUBACK, at most
         * {@link #maxInFlight} at a time, and sent again after a reconnect).
         *
         * @param value 0 or 1
         * @return this builder
         */
        public Builder qos(int value) {
            if (value != 0 && value != 1) {
                throw new IllegalArgumentException("the MQTT QoS must be 0 or 1: " + value);
            }
            this.qos = value;
            return this;
        }

        /**
         * With QoS 1, how many PUBLISH messages may wait for their PUBACK at once; past it events are dropped and
         * retained values wait (only their latest value is sent once a slot frees).
         *
         * @param value 1..65535 ({@link MqttSettings#DEFAULT_MAX_IN_FLIGHT} by default)
         * @return this builder
         */
        public Builder maxInFlight(int value) {
            if (value < 1 || value > 65535) {
                throw new IllegalArgumentException("the MQTT in-flight limit must be 1..65535: " + value);
            }
            this.maxInFlight = value;
            return this;
        }

        /**
         * For a TLS URL, trusts the CA certificates of this PEM file instead of the JDK's trust store (a private CA
         * or a broker's self-signed certificate); the broker's certificate must still name the URL's host.
         *
         * @param value a readable PEM file of one or more certificates
         * @return this builder
         * @throws IllegalArgumentException for a {@code tcp://} URL or a file that cannot be read
         */
        public Builder caFile(Path value) {
            if (!tls) {
                throw new IllegalArgumentException("a CA file needs a TLS URL (ssl:// or mqtts://)");
            }
            if (!Files.isReadable(value)) {
                throw new IllegalArgumentException("the CA file cannot be read: " + value);
            }
            this.caFile = value;
            return this;
        }

        /**
         * Logs in to the broker as {@code user}.
         *
         * @param user the user name
         * @param pass the password, or {@code null}
         * @return this builder
         */
        public Builder credentials(String user, String pass) {
            this.username = Objects.requireNonNull(user, "user");
            this.password = pass;
            return this;
        }

        /**
         * The topic prefix; letters, digits, '_', '-' and '/' inside.
         *
         * @param value the prefix ({@value MqttSettings#DEFAULT_PREFIX} by default)
         * @return this builder
         */
        public Builder prefix(String value) {
            if (!value.matches("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*")) {
                throw new IllegalArgumentException("an MQTT topic prefix may only have letters, digits, '_', '-' and"
                        + " inner '/': " + value);
            }
            this.prefix = value;
            return this;
        }

        /**
         * How long after the last motion event {@code PREFIX/NAME/motion} turns {@code OFF}.
         *
         * @param value a positive duration ({@link MqttSettings#DEFAULT_MOTION_OFF_AFTER} by default)
         * @return this builder
         */
        public Builder motionOffAfter(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("the motion quiet time must be positive: " + value);
            }
            this.motionOffAfter = value;
            return this;
        }

        /** @return the settings */
        public MqttSettings build() {
            return new MqttSettings(this);
        }
    }
}
