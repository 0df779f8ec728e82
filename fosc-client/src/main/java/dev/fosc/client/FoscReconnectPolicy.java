package dev.fosc.client;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * When a session reconnects after losing its connection (reset, stall, close by the camera, protocol error).
 * The delay before attempt {@code n} (0-based) is drawn uniformly from {@code [0, min(maxDelay,
 * initialDelay × multiplier^n)]} ("full jitter"), so a thousand cameras dropping together do not reconnect in
 * lock-step. A login refused as rate-limited or "too many users" waits {@link #rateLimitedDelay()} plus a
 * uniform jitter of the same size. The application's own close never triggers a reconnect.
 *
 * <p>The attempt number {@code n} grows with every loss and goes back to 0 only once a connection has stayed
 * logged in for {@link #stableTime()}: a camera that accepts each login and drops the connection at once is
 * retried with a growing delay, not every second forever.
 *
 * <h2>Logins never back to back</h2>
 * Cameras refuse a login that comes soon after the previous one exactly as they refuse a bad password
 * (docs/protocol.md §6). Every attempt of a session therefore starts at least {@link #minLoginInterval()} after the
 * previous LOGIN it sent, whatever the backoff says: a camera that accepts a login and drops the connection at once
 * is never logged into faster than that.
 *
 * <h2>Refused logins</h2>
 * The refusal alone cannot tell a bad password from the camera's rate limit. The session decides from what it
 * knows:
 * <ul>
 *   <li>A refusal of the <em>first</em> login of a session is a bad password: final ({@link FoscSessionState#FAILED}),
 *       exactly one attempt (a retry loop could lock the camera).</li>
 *   <li>"Too many users" (result 3) is rate limiting: retried after {@link #rateLimitedDelay()} plus a uniform jitter
 *       of the same size, also on the first login.</li>
 *   <li>A refusal (bad credentials, access denied, an empty or malformed LOGIN_REPLY) of credentials the camera
 *       accepted earlier in the session never ends it: the session goes to
 *       {@link FoscSessionState#CREDENTIALS_SUSPECT} and retries after the delays of
 *       {@link #credentialsSuspectDelays()}, one after the other (the last one repeats), each drawn uniformly from
 *       {@code [d, 1.5 × d)}. An accepted login starts the catalogue over. With the defaults a changed password costs
 *       the camera one wrong login after 5 s, 15 s, 30 s, 1 min, 2 min, 5 min, then one every 10 minutes: never a
 *       burst that could lock it, and a camera whose rate limit refused a re-login is back within seconds.</li>
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
 *   <tr><td>{@link #minLoginInterval()}</td><td>{@link #DEFAULT_MIN_LOGIN_INTERVAL} (5 s)</td></tr>
 *   <tr><td>{@link #credentialsSuspectDelays()}</td><td>{@link #DEFAULT_CREDENTIALS_SUSPECT_DELAYS} (5 s, 15 s,
 *       30 s, 1 min, 2 min, 5 min, 10 min)</td></tr>
 *   <tr><td>{@link #stableTime()}</td><td>{@link #DEFAULT_STABLE_TIME} (30 s)</td></tr>
 *   <tr><td>{@link #retryFirstConnect()}</td><td>{@value #DEFAULT_RETRY_FIRST_CONNECT}: a camera offline when the
 *       application starts is picked up when it comes online</td></tr>
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
    /**
     * Default shortest time between two LOGINs of one session: 5 s. Cameras refuse logins that come back to back like
     * a bad password; the exact window is not documented and varies by model, a few seconds in reports.
     */
    public static final Duration DEFAULT_MIN_LOGIN_INTERVAL = Duration.ofSeconds(5);
    /**
     * Default waits after a refused re-login (credentials accepted earlier in the session): 5 s, 15 s, 30 s, 1 min,
     * 2 min, 5 min, then 10 min for every later one. Seconds first (a rate-limited refusal clears quickly), minutes
     * later (a changed password must not lock the camera: at most six wrong logins in the first hour, then six an
     * hour).
     */
    public static final List<Duration> DEFAULT_CREDENTIALS_SUSPECT_DELAYS = List.of(Duration.ofSeconds(5),
            Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2),
            Duration.ofMinutes(5), Duration.ofMinutes(10));
    /**
     * Default for {@link #retryFirstConnect()}: {@code true}. An NVR starts with every camera it knows; one that is
     * offline then must be picked up when it comes online, without the application calling {@code connect()}
     * again. A refused first <em>login</em> is never retried, whatever this says.
     */
    public static final boolean DEFAULT_RETRY_FIRST_CONNECT = true;
    /** Default time a connection must stay logged in before the backoff starts again from the first delay. */
    public static final Duration DEFAULT_STABLE_TIME = Duration.ofSeconds(30);
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
    private final Duration minLoginInterval;
    private final List<Duration> credentialsSuspectDelays;
    private final Duration stableTime;

    private FoscReconnectPolicy(Builder b) {
        this.stableTime = b.stableTime;
        this.minLoginInterval = b.minLoginInterval;
        this.credentialsSuspectDelays = b.credentialsSuspectDelays;
        this.enabled = b.enabled;
        this.initialDelay = b.initialDelay;
        this.maxDelay = b.maxDelay;
        this.multiplier = b.multiplier;
        this.rateLimitedDelay = b.rateLimitedDelay;
        this.retryFirstConnect = b.retryFirstConnect;
    }

    /** {@return a builder with the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder starting from this policy} */
    public Builder toBuilder() {
        return new Builder().enabled(enabled).initialDelay(initialDelay).maxDelay(maxDelay).multiplier(multiplier)
                .rateLimitedDelay(rateLimitedDelay).retryFirstConnect(retryFirstConnect)
                .minLoginInterval(minLoginInterval).credentialsSuspectDelays(credentialsSuspectDelays)
                .stableTime(stableTime);
    }

    /** {@return whether lost connections are re-established at all} */
    public boolean enabled() {
        return enabled;
    }

    /** {@return the upper bound of the first delay} */
    public Duration initialDelay() {
        return initialDelay;
    }

    /** {@return the cap of every delay bound} */
    public Duration maxDelay() {
        return maxDelay;
    }

    /** {@return the growth of the delay bound per attempt, at least 1} */
    public double multiplier() {
        return multiplier;
    }

    /** {@return the minimum wait after a rate-limited or "too many users" refusal} */
    public Duration rateLimitedDelay() {
        return rateLimitedDelay;
    }

    /**
     * {@return the shortest time between two LOGINs of the session: a connection attempt starts no sooner than this
     * after the
     * previous LOGIN was sent, whatever the backoff delay (cameras refuse back-to-back logins like a bad password)}
     */
    public Duration minLoginInterval() {
        return minLoginInterval;
    }

    /**
     * {@return the waits after consecutive refusals of a re-login (credentials the camera accepted earlier in the
     * session):
     * the {@code n}-th refusal in a row waits about the {@code n}-th delay (uniform in {@code [d, 1.5 × d)}), the last
     * delay repeats; an accepted login starts over} Never empty; immutable.
     */
    public List<Duration> credentialsSuspectDelays() {
        return credentialsSuspectDelays;
    }

    /**
     * {@return the base of the wait after {@code refusals} consecutive refused re-logins (1-based): the catalogue's
     * entry, the
     * last one beyond its end}
     *
     * @param refusals the refusals
     */
    public Duration credentialsSuspectDelay(int refusals) {
        int i = Math.min(Math.max(refusals, 1), credentialsSuspectDelays.size()) - 1;
        return credentialsSuspectDelays.get(i);
    }

    /**
     * {@return how long a connection must stay logged in before the backoff (and the count of refused re-logins) starts
     * again from the beginning} Until then every loss counts as one more attempt.
     */
    public Duration stableTime() {
        return stableTime;
    }

    /**
     * {@return whether a session that has never logged in retries a connection that failed (could not connect, closed
     * or
     * stalled before the LOGIN_REPLY) like a later loss} Either way the {@code connect()} future fails with that
     * first failure: with {@code true} (the default) the session goes on to {@link FoscSessionState#RECONNECTING} and
     * keeps trying (the application sees the later login as {@link FoscSessionState#CONNECTED}, and a new
     * {@code connect()} completes with it); with {@code false} it becomes {@link FoscSessionState#DISCONNECTED}. A
     * refused first login is final either way.
     */
    public boolean retryFirstConnect() {
        return retryFirstConnect;
    }

    /**
     * {@return the upper bound of the delay before attempt {@code attempt} (0-based): {@code min(maxDelay,
     * initialDelay × multiplier^attempt)} in nanoseconds} The actual delay is uniform in {@code [0, bound]}.
     *
     * @param attempt the attempt
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
                + retryFirstConnect + ", minLoginInterval=" + minLoginInterval + ", credentialsSuspectDelays="
                + credentialsSuspectDelays + ", stableTime=" + stableTime + "]";
    }

    /** Builds {@link FoscReconnectPolicy}. Not thread-safe. */
    public static final class Builder {
        private boolean enabled = true;
        private Duration initialDelay = DEFAULT_INITIAL_DELAY;
        private Duration maxDelay = DEFAULT_MAX_DELAY;
        private double multiplier = DEFAULT_MULTIPLIER;
        private Duration rateLimitedDelay = DEFAULT_RATE_LIMITED_DELAY;
        private boolean retryFirstConnect = DEFAULT_RETRY_FIRST_CONNECT;
        private Duration minLoginInterval = DEFAULT_MIN_LOGIN_INTERVAL;
        private List<Duration> credentialsSuspectDelays = DEFAULT_CREDENTIALS_SUSPECT_DELAYS;
        private Duration stableTime = DEFAULT_STABLE_TIME;

        private Builder() {
        }

        /**
         * @see FoscReconnectPolicy#stableTime()
         * @param value the new value
         * @return this builder
         */
        public Builder stableTime(Duration value) {
            this.stableTime = positive("stableTime", value);
            return this;
        }

        /**
         * @see FoscReconnectPolicy#enabled()
         * @param value the new value
         * @return this builder
         */
        public Builder enabled(boolean value) {
            this.enabled = value;
            return this;
        }

        /**
         * @see FoscReconnectPolicy#initialDelay()
         * @param value the new value
         * @return this builder
         */
        public Builder initialDelay(Duration value) {
            this.initialDelay = positive("initialDelay", value);
            return this;
        }

        /**
         * @see FoscReconnectPolicy#maxDelay()
         * @param value the new value
         * @return this builder
         */
        public Builder maxDelay(Duration value) {
            this.maxDelay = positive("maxDelay", value);
            return this;
        }

        /**
         * @see FoscReconnectPolicy#multiplier()
         * @param value the new value
         * @return this builder
         */
        public Builder multiplier(double value) {
            if (!(value >= 1.0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("multiplier must be a finite number >= 1: " + value);
            }
            this.multiplier = value;
            return this;
        }

        /**
         * @see FoscReconnectPolicy#rateLimitedDelay()
         * @param value the new value
         * @return this builder
         */
        public Builder rateLimitedDelay(Duration value) {
            this.rateLimitedDelay = positive("rateLimitedDelay", value);
            return this;
        }

        /**
         * @see FoscReconnectPolicy#minLoginInterval()
         * @param value the new value
         * @return this builder
         */
        public Builder minLoginInterval(Duration value) {
            Objects.requireNonNull(value, "minLoginInterval");
            if (value.isNegative()) {
                throw new IllegalArgumentException("minLoginInterval must not be negative: " + value);
            }
            this.minLoginInterval = value;
            return this;
        }

        /**
         * @throws IllegalArgumentException if {@code value} is empty or holds a delay that is not positive
         * @see FoscReconnectPolicy#credentialsSuspectDelays()
         * @param value the new value
         * @return this builder
         */
        public Builder credentialsSuspectDelays(List<Duration> value) {
            Objects.requireNonNull(value, "credentialsSuspectDelays");
            if (value.isEmpty()) {
                throw new IllegalArgumentException("credentialsSuspectDelays is empty");
            }
            for (Duration d : value) {
                positive("credentialsSuspectDelays", d);
            }
            this.credentialsSuspectDelays = List.copyOf(value);
            return this;
        }

        /**
         * @see FoscReconnectPolicy#retryFirstConnect()
         * @param value the new value
         * @return this builder
         */
        public Builder retryFirstConnect(boolean value) {
            this.retryFirstConnect = value;
            return this;
        }

        /**
         * The policy.
         *
         * @throws IllegalArgumentException if the initial delay exceeds the maximum
         * @return the policy
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
