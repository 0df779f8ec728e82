package dev.fosc.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How a talk ({@link FoscSession#openTalk(FoscTalkOptions)}) sends audio to the camera speaker. Immutable and
 * thread-safe; build with {@link #builder()}.
 *
 * <table>
 *   <caption>Options and defaults</caption>
 *   <tr><th>option</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@link #encoding()}</td><td>{@link FoscTalkEncoding#PCM}</td><td>what the TALK_DATA frames carry: 960
 *       bytes of PCM (louder on the camera that played both), or 120 bytes of G.726-16k</td></tr>
 *   <tr><td>{@link #leadIn()}</td><td>{@link #DEFAULT_LEAD_IN} (120 ms, two frames)</td><td>silence sent as soon
 *       as the talk opens, rounded up to whole 60 ms frames: camera speakers need a warm-up before the first words
 *       are audible; two frames cover the amplifiers' switch-on without delaying speech noticeably</td></tr>
 *   <tr><td>{@link #maxLatency()}</td><td>{@link #DEFAULT_MAX_LATENCY} (500 ms)</td><td>audio that would be sent
 *       more than this behind real time is dropped (oldest whole frames first) and counted, never sent as a burst:
 *       long enough to absorb a writer's chunking and network jitter, short enough for a conversation</td></tr>
 *   <tr><td>{@link #bufferBytes()}</td><td>{@value #DEFAULT_BUFFER_BYTES} (17 frames, 1.02 s)</td><td>the bound
 *       of the talk buffer: {@link FoscTalk#write} accepts no more than fits, so a talker holds at most this much
 *       PCM (plus, with {@link FoscTalk#subscriber()}, the one item being copied in)</td></tr>
 * </table>
 */
public final class FoscTalkOptions {

    /** PCM bytes in one 60 ms frame (480 samples of 8 kHz mono s16le). */
    public static final int FRAME_BYTES = 960;
    /** The duration of one frame. */
    public static final Duration FRAME_DURATION = Duration.ofMillis(60);
    /** The default encoding. */
    public static final FoscTalkEncoding DEFAULT_ENCODING = FoscTalkEncoding.PCM;
    /** The default lead-in silence: two frames. */
    public static final Duration DEFAULT_LEAD_IN = Duration.ofMillis(120);
    /** The default latency bound. */
    public static final Duration DEFAULT_MAX_LATENCY = Duration.ofMillis(500);
    /** The default buffer bound: 17 frames, 1.02 s of audio. */
    public static final int DEFAULT_BUFFER_BYTES = 17 * FRAME_BYTES;
    /** The longest lead-in accepted. */
    public static final Duration MAX_LEAD_IN = Duration.ofSeconds(2);
    /** The defaults. */
    public static final FoscTalkOptions DEFAULT = builder().build();

    private final FoscTalkEncoding encoding;
    private final Duration leadIn;
    private final Duration maxLatency;
    private final int bufferBytes;

    private FoscTalkOptions(Builder b) {
        this.encoding = b.encoding;
        this.leadIn = b.leadIn;
        this.maxLatency = b.maxLatency;
        this.bufferBytes = b.bufferBytes;
    }

    /** {@return a builder with the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder starting from these options} */
    public Builder toBuilder() {
        return new Builder().encoding(encoding).leadIn(leadIn).maxLatency(maxLatency).bufferBytes(bufferBytes);
    }

    /** {@return what the TALK_DATA frames carry} */
    public FoscTalkEncoding encoding() {
        return encoding;
    }

    /** {@return the silence sent when the talk opens (see {@link #leadInFrames()})} */
    public Duration leadIn() {
        return leadIn;
    }

    /** {@return the lead-in in whole 60 ms frames (rounded up)} */
    public int leadInFrames() {
        long period = FRAME_DURATION.toNanos();
        return (int) ((leadIn.toNanos() + period - 1) / period);
    }

    /** {@return how far behind real time audio may fall before it is dropped} */
    public Duration maxLatency() {
        return maxLatency;
    }

    /** {@return the bound of the talk buffer in PCM bytes} */
    public int bufferBytes() {
        return bufferBytes;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FoscTalkOptions)) {
            return false;
        }
        FoscTalkOptions t = (FoscTalkOptions) o;
        return encoding == t.encoding && leadIn.equals(t.leadIn) && maxLatency.equals(t.maxLatency)
                && bufferBytes == t.bufferBytes;
    }

    @Override
    public int hashCode() {
        return Objects.hash(encoding, leadIn, maxLatency, bufferBytes);
    }

    @Override
    public String toString() {
        return "FoscTalkOptions[encoding=" + encoding + ", leadIn=" + leadIn.toMillis() + "ms, maxLatency="
                + maxLatency.toMillis() + "ms, bufferBytes=" + bufferBytes + "]";
    }

    /** Builds {@link FoscTalkOptions}. Not thread-safe. */
    public static final class Builder {
        private FoscTalkEncoding encoding = DEFAULT_ENCODING;
        private Duration leadIn = DEFAULT_LEAD_IN;
        private Duration maxLatency = DEFAULT_MAX_LATENCY;
        private int bufferBytes = DEFAULT_BUFFER_BYTES;

        private Builder() {
        }

        /**
         * @see FoscTalkOptions#encoding()
         * @param value the new value
         * @return this builder
         */
        public Builder encoding(FoscTalkEncoding value) {
            this.encoding = Objects.requireNonNull(value, "encoding");
            return this;
        }

        /**
         * @param value zero (no lead-in) up to {@link #MAX_LEAD_IN}
         * @see FoscTalkOptions#leadIn()
         * @return this builder
         */
        public Builder leadIn(Duration value) {
            Objects.requireNonNull(value, "leadIn");
            if (value.isNegative() || value.compareTo(MAX_LEAD_IN) > 0) {
                throw new IllegalArgumentException("leadIn must be between 0 and " + MAX_LEAD_IN.toMillis()
                        + " ms: " + value.toMillis() + " ms");
            }
            this.leadIn = value;
            return this;
        }

        /**
         * @param value at least one frame (60 ms)
         * @see FoscTalkOptions#maxLatency()
         * @return this builder
         */
        public Builder maxLatency(Duration value) {
            Objects.requireNonNull(value, "maxLatency");
            if (value.compareTo(FRAME_DURATION) < 0) {
                throw new IllegalArgumentException("maxLatency must be at least one frame (60 ms): "
                        + value.toMillis() + " ms");
            }
            this.maxLatency = value;
            return this;
        }

        /**
         * @param value at least one frame ({@value #FRAME_BYTES} bytes), at most 16 MiB
         * @see FoscTalkOptions#bufferBytes()
         * @return this builder
         */
        public Builder bufferBytes(int value) {
            if (value < FRAME_BYTES || value > 16 << 20) {
                throw new IllegalArgumentException("bufferBytes must be between " + FRAME_BYTES + " and "
                        + (16 << 20) + ": " + value);
            }
            this.bufferBytes = value;
            return this;
        }

        /** {@return the options} */
        public FoscTalkOptions build() {
            return new FoscTalkOptions(this);
        }
    }
}
