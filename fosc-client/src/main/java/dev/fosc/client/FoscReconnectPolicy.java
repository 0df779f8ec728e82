package dev.fosc.client;

import java.time.Duration;
import java.util.Objects;

/**
 * When a session reconnects after losing its connection (reset, stall, close by the camera, protocol error).
 * The delay before attempt {@code n} (0-based) is drawn uniformly from {@code [0, min(maxDelay,
 * initialDelay × multiplier^n)]} ("full jitter"), so a thousand cameras dropping together do not reconnect in
 * lock-step. A login refused as rate-limited or "too many users" waits {@link #rateLimitedDelay()} plus a
 * uniform jitter of the same size. The application's own close never triggers a reconnect.
 *
 * <h2>Refused logins</h2>
 * Cameras refuse logins that come back to back exactly as they refuse a bad password (PROTOCOL.md §6), so the
 * refusal alone cannot tell the two apart. The session decides from what it knows:
 * <ul>
 *   <li>A refusal of the <em>first</em> login of a session is a bad password: never retried (a retry loop could
 *       lock the camera).</li>
 *   <li>"Too many users" (result 3) is rate limiting: retried after the long delay.</li>
 *   <li>A bad-credentials refusal of credentials the camera accepted earlier in this session is taken as rate
 *       limiting and retried after the long delay, at most {@link #maxRefusedRelogins()} times in a row; then
 *       the session fails as for a bad password.</li>
 * </ul>
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><th>value</th><th>default</th></tr>
 *   <tr><td>{@link #enabled()}</td><td>{@code true}</td></tr>
 *   <tr><td>{@link #initialDelay()}</td><td>{@link #DEFAULT_INITIAL_DELAY} (1 s)</td></tr>
 *   <tr><td>{@link #maxDelay()}</td><td>{@link #DEFAULT_MAX_DELAY} (60 s)</td></tr>
 *   <tr><td>{@link #multiplier()}</td><td>{@value #DEFAULT_MULTIPLIER}</td></tr>
 *   <tr><td>{@link #rateLimitedDelay()}</td><td>{@link #DEFAULT_RATE_LIMITED_DELAY} (30 s)</td></tr>
 *   <tr><td>{@link #maxRefusedRelogins()}</td><td>{@value #DEFAULT_MAX_REFUSED_RELOGINS}</td></tr>
 *   <tr><td>{@link #retryFirstConnect()}</td><td>{@code false}: the first connect fails fast</td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe.
 */
public final class FoscReconnectPolicy {

    /** Default upper bound of the first delay. */
    public static final Duration DEFAULT_INITIAL_DELAY = Duration.ofSeconds(1);
    /** Default cap of every delay. */
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(60);
    /** Default growth of the delay bound per attempt. */
    public static final double DEFAULT_MULTIPLIER = 2.0;
    /** Default minimum wait after a rate-limited or "too many users" login refusal. */
    public static final Duration DEFAULT_RATE_LIMITED_DELAY = Duration.ofSeconds(30);
    /** Default number of consecutive refused re-logins taken as rate limiting before giving up. */
    public static final int DEFAULT_MAX_REFUSED_RELOGINS = 3;
    /** The defaults. */
    public static final FoscReconnectPolicy DEFAULT = builder().build();
    /** Never reconnect: a lost connection ends in {@link FoscSessionState#DISCONNECTED}. */
    public static final FoscReconnectPolicy DISABLED = builder().enabled(false).build();

    private final boolean enabled;
    private final Duration initialDelay;
    private final Duration maxDelay;
    private final double multiplier;
    private final Duration rateLimitedDelay;
    private final boolean retryFirstConnect;
    private final int maxRefusedRelogins;

    private FoscReconnectPolicy(Builder b) {
        this.maxRefusedRelogins = b.maxRefusedRelogins;
        this.enabled = b.enabled;
        this.initialDelay = b.initialDelay;
        this.maxDelay = b.maxDelay;
        this.multiplier = b.multiplier;
        this.rateLimitedDelay = b.rateLimitedDelay;
        this.retryFirstConnect = b.retryFirstConnect;
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this policy. */
    public Builder toBuilder() {
        return new Builder().enabled(enabled).initialDelay(initialDelay).maxDelay(maxDelay).multiplier(multiplier)
                .rateLimitedDelay(rateLimitedDelay).retryFirstConnect(retryFirstConnect)
                .maxRefusedRelogins(maxRefusedRelogins);
    }

    /** Whether lost connections are re-established at all. */
    public boolean enabled() {
        return enabled;
    }

    /** The upper bound of the first delay. */
    public Duration initialDelay() {
        return initialDelay;
    }

    /** The cap of every delay bound. */
    public Duration maxDelay() {
        return maxDelay;
    }

    /** The growth of the delay bound per attempt, at least 1. */
    public double multiplier() {
        return multiplier;
    }

    /** The minimum wait after a rate-limited or "too many users" refusal. */
    public Duration rateLimitedDelay() {
        return rateLimitedDelay;
    }

    /**
     * How many consecutive bad-credentials refusals of a re-login (credentials the camera accepted before in this
     * session) are taken as rate limiting and retried after {@link #rateLimitedDelay()}; 0 fails at the first.
     */
    public int maxRefusedRelogins() {
        return maxRefusedRelogins;
    }

    /**
     * Whether a failure of the very first connection (before any login) is retried like a later loss. When
     * {@code false} the {@code connect()} future fails at once and the session becomes
     * {@link FoscSessionState#DISCONNECTED}.
     */
    public boolean retryFirstConnect() {
        return retryFirstConnect;
    }

    /**
     * The upper bound of the delay before attempt {@code attempt} (0-based): {@code min(maxDelay,
     * initialDelay × multiplier^attempt)} in nanoseconds. The actual delay is uniform in {@code [0, bound]}.
     */
    public long delayBoundNanos(int attempt) {
        double bound = initialDelay.toNanos() * Math.pow(multiplier, Math.max(0, attempt));
        long max = maxDelay.toNanos();
        return bound >= max || Double.isNaN(bound) ? max : (long) bound;
    }

    @Override
    public String toString() {
        return "FoscReconnectPolicy[enabled=" + enabled + ", initialDelay=" + initialDelay + ", maxDelay=" + maxDelay
                + ", multiplier=" + multiplier + ", rateLimitedDelay=" + rateLimitedDelay + ", retryFirstConnect="
                + retryFirstConnect + ", maxRefusedRelogins=" + maxRefusedRelogins + "]";
    }

    /** Builds {@link FoscReconnectPolicy}. Not thread-safe. */
    public static final class Builder {
        private boolean enabled = true;
        private Duration initialDelay = DEFAULT_INITIAL_DELAY;
        private Duration maxDelay = DEFAULT_MAX_DELAY;
        private double multiplier = DEFAULT_MULTIPLIER;
        private Duration rateLimitedDelay = DEFAULT_RATE_LIMITED_DELAY;
        private boolean retryFirstConnect;
        private int maxRefusedRelogins = DEFAULT_MAX_REFUSED_RELOGINS;

        private Builder() {
        }

        /** @see FoscReconnectPolicy#enabled() */
        public Builder enabled(boolean value) {
            this.enabled = value;
            return this;
        }

        /** @see FoscReconnectPolicy#initialDelay() */
        public Builder initialDelay(Duration value) {
            this.initialDelay = positive("initialDelay", value);
            return this;
        }

        /** @see FoscReconnectPolicy#maxDelay() */
        public Builder maxDelay(Duration value) {
            this.maxDelay = positive("maxDelay", value);
            return this;
        }

        /** @see FoscReconnectPolicy#multiplier() */
        public Builder multiplier(double value) {
            if (!(value >= 1.0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("multiplier must be a finite number >= 1: " + value);
            }
            this.multiplier = value;
            return this;
        }

        /** @see FoscReconnectPolicy#rateLimitedDelay() */
        public Builder rateLimitedDelay(Duration value) {
            this.rateLimitedDelay = positive("rateLimitedDelay", value);
            return this;
        }

        /** @see FoscReconnectPolicy#maxRefusedRelogins() */
        public Builder maxRefusedRelogins(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("maxRefusedRelogins must be >= 0: " + value);
            }
            this.maxRefusedRelogins = value;
            return this;
        }

        /** @see FoscReconnectPolicy#retryFirstConnect() */
        public Builder retryFirstConnect(boolean value) {
            this.retryFirstConnect = value;
            return this;
        }

        /**
         * The policy.
         *
         * @throws IllegalArgumentException if the initial delay exceeds the maximum
         */
        public FoscReconnectPolicy build() {
            if (initialDelay.compareTo(maxDelay) > 0) {
                throw new IllegalArgumentException("initialDelay " + initialDelay + " exceeds maxDelay " + maxDelay);
            }
            return new FoscReconnectPolicy(this);
        }

        private static Duration positive(String name, Duration value) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }
    }
}
