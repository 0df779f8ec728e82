package dev.fosc.bridge;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the bridge publishes the cameras' events ({@link BridgeServer.Builder#mqtt(MqttSettings)}): the broker
 * ({@code tcp://HOST:PORT}), optional credentials, the topic prefix ({@code fosc}) and how long after the last motion
 * event {@code PREFIX/NAME/motion} turns {@code OFF}. The password is never shown by {@link #toString()}. Immutable.
 */
public final class MqttSettings {

    /** The topic prefix when none is given. */
    public static final String DEFAULT_PREFIX = "fosc";
    /** The quiet time after which motion turns OFF when none is given. */
    public static final Duration DEFAULT_MOTION_OFF_AFTER = Duration.ofSeconds(30);

    private final String host;
    private final int port;
    private final String username;
    private final String password;
    private final String prefix;
    private final Duration motionOffAfter;

    private MqttSettings(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.username = b.username;
        this.password = b.password;
        this.prefix = b.prefix;
        this.motionOffAfter = b.motionOffAfter;
    }

    /**
     * A builder for the broker at {@code url}, {@code tcp://HOST[:PORT]} (port 1883 by default).
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
        if (!"tcp".equals(uri.getScheme()) && !"mqtt".equals(uri.getScheme())) {
            throw new IllegalArgumentException("the MQTT URL must start with tcp:// (TLS is not supported yet): "
                    + uri.getScheme());
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("the MQTT URL has no host");
        }
        return new Builder(uri.getHost(), uri.getPort() < 0 ? 1883 : uri.getPort());
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

    @Override
    public String toString() {
        return "MqttSettings[tcp://" + host + ":" + port + ", user=" + username + ", password="
                + (password == null ? "none" : "***") + ", prefix=" + prefix + "]";
    }

    /** Builds {@link MqttSettings}. Not thread-safe. */
    public static final class Builder {
        private final String host;
        private final int port;
        private String username;
        private String password;
        private String prefix = DEFAULT_PREFIX;
        private Duration motionOffAfter = DEFAULT_MOTION_OFF_AFTER;

        private Builder(String host, int port) {
            this.host = host;
            this.port = port;
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
