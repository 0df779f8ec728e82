package dev.fosc.client;

import dev.fosc.codec.FoscCredentials;
import dev.fosc.codec.FoscFrameDecoder;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything one camera session needs: where the camera is, how to log in, its quirks, and the timings and
 * limits of keepalive, requests, reconnects and inbound buffering. Immutable; build with
 * {@link #builder(String, FoscCredentials)}, the user and password as {@link FoscCredentials} (in
 * {@code dev.fosc.codec}, fosc-codec, which fosc-client depends on: {@code FoscCredentials.of(user, password)}).
 * {@link #toString()} never shows the password.
 *
 * <table>
 *   <caption>Options and defaults</caption>
 *   <tr><th>option</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@link #port()}</td><td>{@value #DEFAULT_PORT}</td><td>the camera's web/media port</td></tr>
 *   <tr><td>{@link #profile()}</td><td>{@link #DEFAULT_PROFILE}</td><td>the camera model; sets the quirks
 *       ({@code AUTO} learns them from the camera's answers)</td></tr>
 *   <tr><td>{@link #quirks()}</td><td>the profile's, with overrides applied</td><td>see {@link FoscQuirks}</td></tr>
 *   <tr><td>{@link #keepaliveInterval()}</td><td>{@link #DEFAULT_KEEPALIVE_INTERVAL} (10 s)</td><td>writer-idle
 *       time after which LOGIN_CHECK is sent (the camera drops a client silent for 60 s)</td></tr>
 *   <tr><td>{@link #readerIdleTimeout()}</td><td>{@link #DEFAULT_READER_IDLE_TIMEOUT} (35 s)</td><td>no byte
 *       received for this long means the connection stalled: it is closed and re-established; must be longer
 *       than the keepalive interval (the keepalive's replies are what an idle connection receives); only time
 *       while reading is on counts (a slow subscriber pauses it)</td></tr>
 *   <tr><td>{@link #requestTimeout()}</td><td>{@link #DEFAULT_REQUEST_TIMEOUT} (5 s)</td><td>how long a request
 *       (LOGIN, VIDEO_ON, AUDIO_ON) waits for its reply; time while reading is paused for a slow subscriber does
 *       not count (the reply may be waiting unread)</td></tr>
 *   <tr><td>{@link #connectTimeout()}</td><td>{@link #DEFAULT_CONNECT_TIMEOUT} (5 s)</td><td>TCP connect
 *       timeout</td></tr>
 *   <tr><td>{@link #mediaStartTimeout()}</td><td>{@link #DEFAULT_MEDIA_START_TIMEOUT} (10 s)</td><td>an
 *       accepted VIDEO_ON (AUDIO_ON) followed by no frame for this long, reading on, counts as a miss</td></tr>
 *   <tr><td>{@link #mediaRetryDelay()}</td><td>{@link #DEFAULT_MEDIA_RETRY_DELAY} (1 s)</td><td>after a miss
 *       (no reply, or no media) the request is sent again after this delay, doubled per miss</td></tr>
 *   <tr><td>{@link #mediaRetries()}</td><td>{@value #DEFAULT_MEDIA_RETRIES}</td><td>requests sent again on one
 *       connection before the next miss reconnects (never for silent audio)</td></tr>
 *   <tr><td>{@link #waitTimeout()}</td><td>{@link #DEFAULT_WAIT_TIMEOUT} (30 s)</td><td>how long a
 *       {@code videoOn}/{@code audioOn}/{@code audioOff} made while not logged in waits for the login before its
 *       future fails with {@link FoscNotConnectedException} (the wish is kept)</td></tr>
 *   <tr><td>{@link #maxWaitingCalls()}</td><td>{@value #DEFAULT_MAX_WAITING_CALLS}</td><td>calls that may wait for
 *       the login at a time; more fail at once with {@link FoscNotConnectedException}</td></tr>
 *   <tr><td>{@link #reconnectPolicy()}</td><td>{@link FoscReconnectPolicy#DEFAULT}</td><td>backoff with full
 *       jitter, 1 s to 60 s</td></tr>
 *   <tr><td>{@link #highWaterMark()}</td><td>{@value #DEFAULT_HIGH_WATER_MARK}</td><td>items buffered for a
 *       {@code Flow} subscriber above which reading pauses (or video drops, see {@link #videoOverflow()})</td></tr>
 *   <tr><td>{@link #lowWaterMark()}</td><td>{@value #DEFAULT_LOW_WATER_MARK}</td><td>reading resumes at or below
 *       this</td></tr>
 *   <tr><td>{@link #maxBufferedItems()}</td><td>{@value #DEFAULT_MAX_BUFFERED_ITEMS}</td><td>hard cap per
 *       subscriber: items arriving beyond it (already read when reading paused) are dropped and counted</td></tr>
 *   <tr><td>{@link #highWaterMarkBytes()}</td><td>{@link #DEFAULT_HIGH_WATER_MARK_BYTES} (4 MiB)</td><td>bytes
 *       a {@code Flow} subscriber's buffer holds (pinned receive buffers, decoded PCM, events) above which reading
 *       pauses (or video drops), like the item mark</td></tr>
 *   <tr><td>{@link #lowWaterMarkBytes()}</td><td>{@link #DEFAULT_LOW_WATER_MARK_BYTES} (1 MiB)</td><td>reading
 *       resumes at or below this (and at or below the item low mark)</td></tr>
 *   <tr><td>{@link #maxBufferedBytes()}</td><td>{@link #DEFAULT_MAX_BUFFERED_BYTES} (16 MiB)</td><td>hard cap
 *       in bytes per subscriber: items beyond it are dropped and counted (an item always fits an empty
 *       buffer)</td></tr>
 *   <tr><td>{@link #videoOverflow()}</td><td>{@link FoscVideoOverflow#BACK_PRESSURE}</td><td>pause reading or drop
 *       video until the next key frame</td></tr>
 *   <tr><td>{@link #maxPayloadLength()}</td><td>{@value FoscFrameDecoder#DEFAULT_MAX_PAYLOAD_LENGTH}</td><td>larger
 *       frames are a protocol error</td></tr>
 *   <tr><td>{@link #uid()}</td><td>random per session</td><td>the 32-bit session id sent in LOGIN, VIDEO_ON and
 *       LOGIN_CHECK</td></tr>
 * </table>
 */
public final class FoscSessionOptions {

    /** The camera's default web/media port. */
    public static final int DEFAULT_PORT = 88;
    /**
     * The default camera model: {@link FoscCameraProfile#AUTO}, which learns the quirks from the camera's answers, so
     * that a user who does not know the model's quirks still gets video.
     */
    public static final FoscCameraProfile DEFAULT_PROFILE = FoscCameraProfile.AUTO;
    /** Default writer-idle time before a LOGIN_CHECK keepalive. */
    public static final Duration DEFAULT_KEEPALIVE_INTERVAL = Duration.ofSeconds(10);
    /** Default time without any received byte after which the connection counts as stalled. */
    public static final Duration DEFAULT_READER_IDLE_TIMEOUT = Duration.ofSeconds(35);
    /** Default time a request waits for its reply. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);
    /** Default TCP connect timeout. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /**
     * Default time an accepted VIDEO_ON (AUDIO_ON) may stay without a frame before it counts as a miss: 10 s, ten
     * key-frame intervals of a typical camera (1 s GOP) and twice what a camera takes to start a stream.
     */
    public static final Duration DEFAULT_MEDIA_START_TIMEOUT = Duration.ofSeconds(10);
    /** Default delay before a missed VIDEO_ON (AUDIO_ON) is sent again: 1 s, doubled per miss (1 s, 2 s, 4 s). */
    public static final Duration DEFAULT_MEDIA_RETRY_DELAY = Duration.ofSeconds(1);
    /**
     * Default number of times a missed VIDEO_ON (AUDIO_ON) is sent again on one connection: 3. The next miss
     * reconnects: with the default request timeout about 27 s after the first VIDEO_ON went unanswered.
     */
    public static final int DEFAULT_MEDIA_RETRIES = 3;
    /**
     * Default time a call made while the session is not logged in waits for the login: 30 s, half the longest
     * reconnect delay of the default policy (its mean), plus room for a login; long enough for a blip, short enough
     * that a {@code join()} returns. The wish itself is kept however long the session takes.
     */
    public static final Duration DEFAULT_WAIT_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Default bound of the calls waiting for the login at a time: 16. An application needs one per kind (videoOn,
     * audioOn, audioOff); more are repeated calls, and the newest wish counts anyway.
     */
    public static final int DEFAULT_MAX_WAITING_CALLS = 16;
    /** Default per-subscriber buffer size at which reading pauses. */
    public static final int DEFAULT_HIGH_WATER_MARK = 64;
    /** Default per-subscriber buffer size at which reading resumes. */
    public static final int DEFAULT_LOW_WATER_MARK = 16;
    /** Default hard cap of a subscriber's buffer. */
    public static final int DEFAULT_MAX_BUFFERED_ITEMS = 4096;
    /**
     * Default bytes of a subscriber's buffer at which reading pauses: 4 MiB, the largest frame payload accepted by
     * default ({@link FoscFrameDecoder#DEFAULT_MAX_PAYLOAD_LENGTH}), so one maximal key frame waiting for a slow
     * subscriber pauses reading at once, while a typical stream (1080p at 4 Mbit/s: about 20 kB per frame, three
     * frames per 64 KiB receive buffer) reaches the item mark (64 frames, about 1.4 MiB pinned) first.
     */
    public static final long DEFAULT_HIGH_WATER_MARK_BYTES = 4L * 1024 * 1024;
    /**
     * Default bytes at or below which reading resumes: 1 MiB, a quarter of the high mark (the item marks' ratio),
     * so reading does not flap on and off with every frame taken.
     */
    public static final long DEFAULT_LOW_WATER_MARK_BYTES = 1024L * 1024;
    /**
     * Default hard cap in bytes of a subscriber's buffer: 16 MiB. Reading pauses at the high mark, but what the
     * current read already brought in is still decoded and delivered (up to a whole cumulation of the frame
     * decoder: a maximal 4 MiB frame, plus the frames of the receive buffer, on each of up to two connections);
     * the cap leaves room for that above the high mark, so that items are dropped only in the rare case that it
     * does not suffice, while the memory a stuck subscriber can hold stays bounded.
     */
    public static final long DEFAULT_MAX_BUFFERED_BYTES = 16L * 1024 * 1024;
    /**
     * How long {@link FoscSession#close()} waits for the CLOSE message to be written before it closes the connection
     * anyway (a camera that does not read never lets it be written). Fixed, not an option.
     */
    public static final Duration CLOSE_WRITE_TIMEOUT = Duration.ofSeconds(1);

    private final String host;
    private final int port;
    private final FoscCredentials credentials;
    private final FoscCameraProfile profile;
    private final FoscQuirks quirks;
    /** The builder's explicit quirk settings, kept so that {@link #toBuilder()} keeps what AUTO may learn. */
    private final FoscQuirks explicitQuirks;
    private final Integer speakerOnLengthOverride;
    private final Integer videoOnStreamByteOverride;
    private final Boolean preambleOverride;
    private final FoscConnectionMode connectionModeOverride;
    private final Duration keepaliveInterval;
    private final Duration readerIdleTimeout;
    private final Duration requestTimeout;
    private final Duration connectTimeout;
    private final Duration waitTimeout;
    private final Duration mediaStartTimeout;
    private final Duration mediaRetryDelay;
    private final int mediaRetries;
    private final int maxWaitingCalls;
    private final FoscReconnectPolicy reconnectPolicy;
    private final int highWaterMark;
    private final int lowWaterMark;
    private final int maxBufferedItems;
    private final long highWaterMarkBytes;
    private final long lowWaterMarkBytes;
    private final long maxBufferedBytes;
    private final FoscVideoOverflow videoOverflow;
    private final int maxPayloadLength;
    private final Integer uid;

    private FoscSessionOptions(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.credentials = b.credentials;
        this.profile = b.profile;
        this.quirks = b.quirks();
        this.explicitQuirks = b.quirks;
        this.speakerOnLengthOverride = b.speakerOnLength;
        this.videoOnStreamByteOverride = b.videoOnStreamByte;
        this.preambleOverride = b.preamble;
        this.connectionModeOverride = b.connectionMode;
        this.keepaliveInterval = b.keepaliveInterval;
        this.readerIdleTimeout = b.readerIdleTimeout;
        this.requestTimeout = b.requestTimeout;
        this.connectTimeout = b.connectTimeout;
        this.waitTimeout = b.waitTimeout;
        this.mediaStartTimeout = b.mediaStartTimeout;
        this.mediaRetryDelay = b.mediaRetryDelay;
        this.mediaRetries = b.mediaRetries;
        this.maxWaitingCalls = b.maxWaitingCalls;
        this.reconnectPolicy = b.reconnectPolicy;
        this.highWaterMark = b.highWaterMark;
        this.lowWaterMark = b.lowWaterMark;
        this.maxBufferedItems = b.maxBufferedItems;
        this.highWaterMarkBytes = b.highWaterMarkBytes;
        this.lowWaterMarkBytes = b.lowWaterMarkBytes;
        this.maxBufferedBytes = b.maxBufferedBytes;
        this.videoOverflow = b.videoOverflow;
        this.maxPayloadLength = b.maxPayloadLength;
        this.uid = b.uid;
    }

    /**
     * A builder for the camera at {@code host} (name or address) with these credentials.
     *
     * @param host the camera's host name or address
     * @param credentials user and password: {@link FoscCredentials#of(String, String)}
     * @return a builder for the camera at {@code host} (name or address) with these credentials
     */
    public static Builder builder(String host, FoscCredentials credentials) {
        return new Builder(host, credentials);
    }

    /**
     * {@return the camera's host name or address} A name is resolved at every connection attempt, asynchronously
     * (Netty's
     * DNS resolver: the hosts file, then the system's name servers; see {@link FoscClient}): a slow lookup never
     * blocks the event loop other cameras share.
     */
    public String host() {
        return host;
    }

    /** {@return the camera's port} */
    public int port() {
        return port;
    }

    /** {@return user and password ({@link FoscCredentials}, never logged)} */
    public FoscCredentials credentials() {
        return credentials;
    }

    /** {@return the camera model the quirks started from} */
    public FoscCameraProfile profile() {
        return profile;
    }

    /**
     * {@return the effective quirks: the profile's with the overrides applied} For {@link FoscCameraProfile#AUTO} these
     * are
     * the values a session starts from; {@code FoscSession.quirks()} shows what it learned.
     */
    public FoscQuirks quirks() {
        return quirks;
    }

    /**
     * {@return whether a session learns the VIDEO_ON/AUDIO_ON stream byte from the camera's answers: the profile is
     * {@link FoscCameraProfile#AUTO} and neither {@link Builder#videoOnStreamByte(int)} nor
     * {@link Builder#quirks(FoscQuirks)} set it explicitly}
     */
    public boolean learnsVideoOnStreamByte() {
        return profile == FoscCameraProfile.AUTO && explicitQuirks == null && videoOnStreamByteOverride == null;
    }

    /**
     * {@return whether a session learns the SPEAKER_ON size from the camera's answers: the profile is
     * {@link FoscCameraProfile#AUTO} and neither {@link Builder#speakerOnLength(int)} nor
     * {@link Builder#quirks(FoscQuirks)} set it explicitly}
     */
    public boolean learnsSpeakerOnLength() {
        return profile == FoscCameraProfile.AUTO && explicitQuirks == null && speakerOnLengthOverride == null;
    }

    /** {@return writer-idle time before a LOGIN_CHECK} */
    public Duration keepaliveInterval() {
        return keepaliveInterval;
    }

    /** {@return reader-idle time that means a stall; always longer than {@link #keepaliveInterval()}} */
    public Duration readerIdleTimeout() {
        return readerIdleTimeout;
    }

    /**
     * {@return reply timeout of each request, counted while the session reads (not while a slow subscriber pauses it)}
     */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** {@return TCP connect timeout} */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * {@return how long a {@code videoOn}, {@code audioOn} or {@code audioOff} made while the session is not logged in
     * (connecting, reconnecting, or before {@code connect()}) waits for the login; then its future fails with
     * {@link FoscNotConnectedException}} The wish is kept and applied after the next login.
     */
    public Duration waitTimeout() {
        return waitTimeout;
    }

    /**
     * {@return how long an accepted VIDEO_ON (AUDIO_ON) may stay without a frame of its medium, with reading on, before
     * it
     * counts as a miss and is asked again}
     */
    public Duration mediaStartTimeout() {
        return mediaStartTimeout;
    }

    /**
     * {@return the delay before a missed VIDEO_ON (AUDIO_ON) is sent again: no reply within the request timeout, a
     * malformed
     * reply, or no media within {@link #mediaStartTimeout()}} Doubled per miss in a row.
     */
    public Duration mediaRetryDelay() {
        return mediaRetryDelay;
    }

    /**
     * {@return how many times a missed VIDEO_ON (AUDIO_ON) is sent again on one connection; the next miss closes it and
     * the
     * session reconnects (except for an audio request accepted without audio: then it stops asking)} 0 reconnects at
     * the first miss.
     */
    public int mediaRetries() {
        return mediaRetries;
    }

    /** {@return how many calls may wait for the login at a time; a call beyond fails at once} */
    public int maxWaitingCalls() {
        return maxWaitingCalls;
    }

    /** {@return the reconnect policy} */
    public FoscReconnectPolicy reconnectPolicy() {
        return reconnectPolicy;
    }

    /** {@return per-subscriber buffer size at which reading pauses} */
    public int highWaterMark() {
        return highWaterMark;
    }

    /** {@return per-subscriber buffer size at which reading resumes} */
    public int lowWaterMark() {
        return lowWaterMark;
    }

    /** {@return hard cap of a subscriber's buffer} */
    public int maxBufferedItems() {
        return maxBufferedItems;
    }

    /**
     * {@return bytes of a subscriber's buffer at which reading pauses (or, with
     * {@link FoscVideoOverflow#DROP_UNTIL_KEY_FRAME}, video drops)} A buffered item that retains a slice of a
     * received buffer pins all of it, so the whole receive buffer counts (once for all the items sliced from it);
     * decoded PCM counts its own buffer; an event counts a nominal 1 KiB.
     */
    public long highWaterMarkBytes() {
        return highWaterMarkBytes;
    }

    /** {@return bytes of a subscriber's buffer at or below which reading resumes (with the item low mark)} */
    public long lowWaterMarkBytes() {
        return lowWaterMarkBytes;
    }

    /**
     * {@return hard cap in bytes of a subscriber's buffer: an item that would take a non-empty buffer beyond it is
     * dropped
     * and counted}
     */
    public long maxBufferedBytes() {
        return maxBufferedBytes;
    }

    /** {@return what video publishers do when a subscriber falls behind} */
    public FoscVideoOverflow videoOverflow() {
        return videoOverflow;
    }

    /** {@return the largest frame payload accepted} */
    public int maxPayloadLength() {
        return maxPayloadLength;
    }

    /** {@return the fixed session uid, or {@code null} for a random one per session} */
    public Integer uid() {
        return uid;
    }

    /** {@return a builder starting from these options} */
    public Builder toBuilder() {
        Builder b = new Builder(host, credentials).port(port).profile(profile).keepaliveInterval(keepaliveInterval)
                .readerIdleTimeout(readerIdleTimeout).requestTimeout(requestTimeout).connectTimeout(connectTimeout)
                .waitTimeout(waitTimeout).maxWaitingCalls(maxWaitingCalls).mediaStartTimeout(mediaStartTimeout)
                .mediaRetryDelay(mediaRetryDelay).mediaRetries(mediaRetries).reconnectPolicy(reconnectPolicy).waterMarks(lowWaterMark, highWaterMark)
                .maxBufferedItems(maxBufferedItems).byteWaterMarks(lowWaterMarkBytes, highWaterMarkBytes)
                .maxBufferedBytes(maxBufferedBytes).videoOverflow(videoOverflow).maxPayloadLength(maxPayloadLength);
        b.quirks = explicitQuirks;
        b.speakerOnLength = speakerOnLengthOverride;
        b.videoOnStreamByte = videoOnStreamByteOverride;
        b.preamble = preambleOverride;
        b.connectionMode = connectionModeOverride;
        b.uid = uid;
        return b;
    }

    /** Shows every option except the password. */
    @Override
    public String toString() {
        return "FoscSessionOptions[" + host + ":" + port + ", user=" + credentials.user() + ", profile=" + profile
                + ", " + quirks + (learnsVideoOnStreamByte() || learnsSpeakerOnLength() ? " (learning"
                + (learnsVideoOnStreamByte() ? " stream byte" : "") + (learnsSpeakerOnLength() ? " speakerOn size" : "")
                + ")" : "") + ", keepalive=" + keepaliveInterval + ", readerIdle=" + readerIdleTimeout
                + ", requestTimeout=" + requestTimeout + ", connectTimeout=" + connectTimeout + ", waitTimeout=" + waitTimeout + ", maxWaitingCalls="
                + maxWaitingCalls + ", mediaStartTimeout=" + mediaStartTimeout + ", mediaRetryDelay=" + mediaRetryDelay
                + ", mediaRetries=" + mediaRetries + ", " + reconnectPolicy
                + ", waterMarks=" + lowWaterMark + ".." + highWaterMark + ", maxBuffered=" + maxBufferedItems
                + ", byteWaterMarks=" + lowWaterMarkBytes + ".." + highWaterMarkBytes + ", maxBufferedBytes="
                + maxBufferedBytes
                + ", videoOverflow=" + videoOverflow + "]";
    }

    /** Builds {@link FoscSessionOptions}. Not thread-safe. */
    public static final class Builder {
        private final String host;
        private final FoscCredentials credentials;
        private int port = DEFAULT_PORT;
        private FoscCameraProfile profile = DEFAULT_PROFILE;
        private FoscQuirks quirks;
        private Integer speakerOnLength;
        private Integer videoOnStreamByte;
        private Boolean preamble;
        private FoscConnectionMode connectionMode;
        private Duration keepaliveInterval = DEFAULT_KEEPALIVE_INTERVAL;
        private Duration readerIdleTimeout = DEFAULT_READER_IDLE_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration waitTimeout = DEFAULT_WAIT_TIMEOUT;
        private Duration mediaStartTimeout = DEFAULT_MEDIA_START_TIMEOUT;
        private Duration mediaRetryDelay = DEFAULT_MEDIA_RETRY_DELAY;
        private int mediaRetries = DEFAULT_MEDIA_RETRIES;
        private int maxWaitingCalls = DEFAULT_MAX_WAITING_CALLS;
        private FoscReconnectPolicy reconnectPolicy = FoscReconnectPolicy.DEFAULT;
        private int highWaterMark = DEFAULT_HIGH_WATER_MARK;
        private int lowWaterMark = DEFAULT_LOW_WATER_MARK;
        private int maxBufferedItems = DEFAULT_MAX_BUFFERED_ITEMS;
        private long highWaterMarkBytes = DEFAULT_HIGH_WATER_MARK_BYTES;
        private long lowWaterMarkBytes = DEFAULT_LOW_WATER_MARK_BYTES;
        private long maxBufferedBytes = DEFAULT_MAX_BUFFERED_BYTES;
        private FoscVideoOverflow videoOverflow = FoscVideoOverflow.BACK_PRESSURE;
        private int maxPayloadLength = FoscFrameDecoder.DEFAULT_MAX_PAYLOAD_LENGTH;
        private Integer uid;

        private Builder(String host, FoscCredentials credentials) {
            this.host = Objects.requireNonNull(host, "host");
            if (host.isEmpty()) {
                throw new IllegalArgumentException("host is empty");
            }
            this.credentials = Objects.requireNonNull(credentials, "credentials");
        }

        /**
         * @see FoscSessionOptions#port()
         * @param value the new value
         * @return this builder
         */
        public Builder port(int value) {
            if (value < 1 || value > 65535) {
                throw new IllegalArgumentException("port must be 1..65535: " + value);
            }
            this.port = value;
            return this;
        }

        /**
         * Sets the camera model; individual overrides set on this builder still apply on top of it. A named model
         * turns off the learning of {@link FoscCameraProfile#AUTO} (the default).
         *
         * @param value the new value
         * @return this builder
         */
        public Builder profile(FoscCameraProfile value) {
            this.profile = Objects.requireNonNull(value, "profile");
            this.quirks = null;
            return this;
        }

        /**
         * Replaces the quirks wholesale (the profile is kept as a label); later overrides still apply. Explicit
         * quirks are used as they are: with {@link FoscCameraProfile#AUTO} nothing is learned any more.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder quirks(FoscQuirks value) {
            this.quirks = Objects.requireNonNull(value, "quirks");
            return this;
        }

        /**
         * Overrides the SPEAKER_ON size (not learned then). @see FoscQuirks#speakerOnLength()
         *
         * @param value the new value
         * @return this builder
         */
        public Builder speakerOnLength(int value) {
            FoscQuirks.builder().speakerOnLength(value); // validates
            this.speakerOnLength = value;
            return this;
        }

        /**
         * Overrides the VIDEO_ON stream byte (not learned then). @see FoscQuirks#videoOnStreamByte()
         *
         * @param value the new value
         * @return this builder
         */
        public Builder videoOnStreamByte(int value) {
            FoscQuirks.builder().videoOnStreamByte(value); // validates
            this.videoOnStreamByte = value;
            return this;
        }

        /**
         * Overrides whether the preamble is sent. @see FoscQuirks#preamble()
         *
         * @param value the new value
         * @return this builder
         */
        public Builder preamble(boolean value) {
            this.preamble = value;
            return this;
        }

        /**
         * Overrides the connection mode. @see FoscQuirks#connectionMode()
         *
         * @param value the new value
         * @return this builder
         */
        public Builder connectionMode(FoscConnectionMode value) {
            this.connectionMode = Objects.requireNonNull(value, "connectionMode");
            return this;
        }

        /**
         * @see FoscSessionOptions#keepaliveInterval()
         * @param value the new value
         * @return this builder
         */
        public Builder keepaliveInterval(Duration value) {
            this.keepaliveInterval = positive("keepaliveInterval", value);
            return this;
        }

        /**
         * @see FoscSessionOptions#readerIdleTimeout()
         * @param value the new value
         * @return this builder
         */
        public Builder readerIdleTimeout(Duration value) {
            this.readerIdleTimeout = positive("readerIdleTimeout", value);
            return this;
        }

        /**
         * @see FoscSessionOptions#requestTimeout()
         * @param value the new value
         * @return this builder
         */
        public Builder requestTimeout(Duration value) {
            this.requestTimeout = positive("requestTimeout", value);
            return this;
        }

        /**
         * @see FoscSessionOptions#connectTimeout()
         * @param value the new value
         * @return this builder
         */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = positive("connectTimeout", value);
            if (value.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("connectTimeout too large: " + value);
            }
            return this;
        }

        /**
         * @see FoscSessionOptions#waitTimeout()
         * @param value the new value
         * @return this builder
         */
        public Builder waitTimeout(Duration value) {
            this.waitTimeout = positive("waitTimeout", value);
            return this;
        }

        /**
         * @see FoscSessionOptions#mediaStartTimeout()
         * @param value the new value
         * @return this builder
         */
        public Builder mediaStartTimeout(Duration value) {
            this.mediaStartTimeout = positive("mediaStartTimeout", value);
            return this;
        }

        /**
         * @see FoscSessionOptions#mediaRetryDelay()
         * @param value the new value
         * @return this builder
         */
        public Builder mediaRetryDelay(Duration value) {
            this.mediaRetryDelay = positive("mediaRetryDelay", value);
            return this;
        }

        /**
         * @see FoscSessionOptions#mediaRetries()
         * @param value the new value
         * @return this builder
         */
        public Builder mediaRetries(int value) {
            if (value < 0 || value > 10) {
                throw new IllegalArgumentException("mediaRetries must be 0..10: " + value);
            }
            this.mediaRetries = value;
            return this;
        }

        /**
         * @see FoscSessionOptions#maxWaitingCalls()
         * @param value the new value
         * @return this builder
         */
        public Builder maxWaitingCalls(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxWaitingCalls must be positive: " + value);
            }
            this.maxWaitingCalls = value;
            return this;
        }

        /**
         * @see FoscSessionOptions#reconnectPolicy()
         * @param value the new value
         * @return this builder
         */
        public Builder reconnectPolicy(FoscReconnectPolicy value) {
            this.reconnectPolicy = Objects.requireNonNull(value, "reconnectPolicy");
            return this;
        }

        /**
         * Sets both water marks.
         *
         * @throws IllegalArgumentException unless {@code 0 <= low < high}
         * @param low the low
         * @param high the high
         * @return this builder
         */
        public Builder waterMarks(int low, int high) {
            if (low < 0 || high <= low) {
                throw new IllegalArgumentException("water marks need 0 <= low < high: " + low + ", " + high);
            }
            this.lowWaterMark = low;
            this.highWaterMark = high;
            return this;
        }

        /**
         * @see FoscSessionOptions#maxBufferedItems()
         * @param value the new value
         * @return this builder
         */
        public Builder maxBufferedItems(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxBufferedItems must be positive: " + value);
            }
            this.maxBufferedItems = value;
            return this;
        }

        /**
         * Sets both byte water marks.
         *
         * @throws IllegalArgumentException unless {@code 0 <= low < high}
         * @see FoscSessionOptions#highWaterMarkBytes()
         * @param low the low
         * @param high the high
         * @return this builder
         */
        public Builder byteWaterMarks(long low, long high) {
            if (low < 0 || high <= low) {
                throw new IllegalArgumentException("byte water marks need 0 <= low < high: " + low + ", " + high);
            }
            this.lowWaterMarkBytes = low;
            this.highWaterMarkBytes = high;
            return this;
        }

        /**
         * @see FoscSessionOptions#maxBufferedBytes()
         * @param value the new value
         * @return this builder
         */
        public Builder maxBufferedBytes(long value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxBufferedBytes must be positive: " + value);
            }
            this.maxBufferedBytes = value;
            return this;
        }

        /**
         * @see FoscSessionOptions#videoOverflow()
         * @param value the new value
         * @return this builder
         */
        public Builder videoOverflow(FoscVideoOverflow value) {
            this.videoOverflow = Objects.requireNonNull(value, "videoOverflow");
            return this;
        }

        /**
         * @see FoscSessionOptions#maxPayloadLength()
         * @param value the new value
         * @return this builder
         */
        public Builder maxPayloadLength(int value) {
            if (value < 1024) {
                throw new IllegalArgumentException("maxPayloadLength must be at least 1024: " + value);
            }
            this.maxPayloadLength = value;
            return this;
        }

        /**
         * Fixes the session uid instead of a random one.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder uid(int value) {
            this.uid = value;
            return this;
        }

        FoscQuirks quirks() {
            FoscQuirks.Builder q = (quirks != null ? quirks : profile.quirks()).toBuilder();
            if (speakerOnLength != null) {
                q.speakerOnLength(speakerOnLength);
            }
            if (videoOnStreamByte != null) {
                q.videoOnStreamByte(videoOnStreamByte);
            }
            if (preamble != null) {
                q.preamble(preamble);
            }
            if (connectionMode != null) {
                q.connectionMode(connectionMode);
            }
            return q.build();
        }

        /**
         * The options.
         *
         * @throws IllegalArgumentException if the maximum buffered items (or bytes) are below the high water mark
         *     (in items, or bytes), or the
         *     reader-idle timeout is not longer than the keepalive interval (an idle but healthy connection would
         *     then count as stalled before its keepalive could be answered)
         * @return the options
         */
        public FoscSessionOptions build() {
            if (readerIdleTimeout.compareTo(keepaliveInterval) <= 0) {
                throw new IllegalArgumentException("readerIdleTimeout " + readerIdleTimeout + " must be longer than"
                        + " keepaliveInterval " + keepaliveInterval);
            }
            if (maxBufferedItems < highWaterMark) {
                throw new IllegalArgumentException("maxBufferedItems " + maxBufferedItems + " is below the high water"
                        + " mark " + highWaterMark);
            }
            if (maxBufferedBytes < highWaterMarkBytes) {
                throw new IllegalArgumentException("maxBufferedBytes " + maxBufferedBytes + " is below the high water"
                        + " mark in bytes " + highWaterMarkBytes);
            }
            return new FoscSessionOptions(this);
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
