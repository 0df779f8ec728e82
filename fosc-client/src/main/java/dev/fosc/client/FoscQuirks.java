package dev.fosc.client;

import dev.fosc.codec.FoscSpeakerOn;

import java.util.Objects;

/**
 * The per-model differences a session must honour (docs/protocol.md §1.1, §2, §6). Start from a
 * {@link FoscCameraProfile} and override single values with {@link #toBuilder()}, or set them through
 * {@link FoscSessionOptions.Builder}.
 *
 * <table>
 *   <caption>Quirks</caption>
 *   <tr><th>quirk</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@link #speakerOnLength()}</td><td>{@value #DEFAULT_SPEAKER_ON_LENGTH}</td><td>SPEAKER_ON payload size
 *       (160, R2C 164, seed 161)</td></tr>
 *   <tr><td>{@link #videoOnStreamByte()}</td><td>{@value #STREAM_NUMBER} (the stream's number)</td><td>the byte
 *       VIDEO_ON and AUDIO_ON carry; an R2C only works with 1</td></tr>
 *   <tr><td>{@link #preamble()}</td><td>{@code true}</td><td>send the SERVERPUSH preamble; off for older
 *       firmware's separate media port</td></tr>
 *   <tr><td>{@link #connectionMode()}</td><td>{@link FoscConnectionMode#SINGLE}</td><td>one connection, or the
 *       SDK's control + media pair</td></tr>
 * </table>
 *
 * <p>A session with the {@link FoscCameraProfile#AUTO} profile learns the SPEAKER_ON size and the stream byte from
 * the camera's answers; {@code FoscSession.quirks()} then returns quirks marked as learned
 * ({@link #speakerOnLengthLearned()}, {@link #videoOnStreamByteLearned()}, and "(learned)" in {@link #toString()}).
 * An application may store them and pass them back with {@link FoscSessionOptions.Builder#quirks(FoscQuirks)}:
 * explicit quirks are used as they are, without probing. {@link #equals(Object)} compares the values only, not
 * whether they were learned; {@link #toBuilder()} drops the marks.
 *
 * <p>Immutable and thread-safe.
 */
public final class FoscQuirks {

    /** {@link #videoOnStreamByte()} value meaning "send the requested stream's number". */
    public static final int STREAM_NUMBER = -1;
    /** The default SPEAKER_ON size. */
    public static final int DEFAULT_SPEAKER_ON_LENGTH = FoscSpeakerOn.DEFAULT_LENGTH;
    /** The defaults: 160-byte SPEAKER_ON, stream number in VIDEO_ON, preamble, one connection. */
    public static final FoscQuirks DEFAULT = builder().build();

    private final int speakerOnLength;
    private final int videoOnStreamByte;
    private final boolean preamble;
    private final FoscConnectionMode connectionMode;
    private final boolean speakerOnLengthLearned;
    private final boolean videoOnStreamByteLearned;

    private FoscQuirks(Builder b) {
        this(b.speakerOnLength, b.videoOnStreamByte, b.preamble, b.connectionMode, false, false);
    }

    private FoscQuirks(int speakerOnLength, int videoOnStreamByte, boolean preamble, FoscConnectionMode connectionMode,
                       boolean speakerOnLengthLearned, boolean videoOnStreamByteLearned) {
        this.speakerOnLength = speakerOnLength;
        this.videoOnStreamByte = videoOnStreamByte;
        this.preamble = preamble;
        this.connectionMode = connectionMode;
        this.speakerOnLengthLearned = speakerOnLengthLearned;
        this.videoOnStreamByteLearned = videoOnStreamByteLearned;
    }

    /** {@return a builder with the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder starting from these quirks} */
    public Builder toBuilder() {
        return new Builder().speakerOnLength(speakerOnLength).videoOnStreamByte(videoOnStreamByte).preamble(preamble)
                .connectionMode(connectionMode);
    }

    /** {@return the SPEAKER_ON payload size} */
    public int speakerOnLength() {
        return speakerOnLength;
    }

    /** {@return the fixed stream byte for VIDEO_ON and AUDIO_ON, or {@link #STREAM_NUMBER}} */
    public int videoOnStreamByte() {
        return videoOnStreamByte;
    }

    /**
     * {@return the byte sent in VIDEO_ON (and AUDIO_ON) for {@code stream}}
     *
     * @param stream the stream
     */
    public int streamByteFor(FoscStream stream) {
        return videoOnStreamByte == STREAM_NUMBER ? stream.number() : videoOnStreamByte;
    }

    /**
     * These quirks with the SPEAKER_ON size {@code value}, marked as learned from the camera (what an
     * {@link FoscCameraProfile#AUTO} session reports once a SPEAKER_ON was accepted).
     *
     * @param value the accepted size, at least 132
     * @return these quirks with the SPEAKER_ON size {@code value}, marked as learned from the camera (what an {@link
     *     FoscCameraProfile#AUTO} session reports once a SPEAKER_ON was accepted)
     */
    public FoscQuirks withLearnedSpeakerOnLength(int value) {
        builder().speakerOnLength(value); // validates
        return new FoscQuirks(value, videoOnStreamByte, preamble, connectionMode, true, videoOnStreamByteLearned);
    }

    /**
     * These quirks with the stream byte {@code value} (or {@link #STREAM_NUMBER}), marked as learned from the camera
     * (what an {@link FoscCameraProfile#AUTO} session reports once a VIDEO_ON settled the question).
     *
     * @param value 0..255, or {@link #STREAM_NUMBER}
     * @return these quirks with the stream byte {@code value} (or {@link #STREAM_NUMBER}), marked as learned from the
     *     camera (what an {@link FoscCameraProfile#AUTO} session reports once a VIDEO_ON settled the question)
     */
    public FoscQuirks withLearnedVideoOnStreamByte(int value) {
        builder().videoOnStreamByte(value); // validates
        return new FoscQuirks(speakerOnLength, value, preamble, connectionMode, speakerOnLengthLearned, true);
    }

    /** {@return whether {@link #speakerOnLength()} was learned from the camera's answers rather than configured} */
    public boolean speakerOnLengthLearned() {
        return speakerOnLengthLearned;
    }

    /** {@return whether {@link #videoOnStreamByte()} was learned from the camera's answers rather than configured} */
    public boolean videoOnStreamByteLearned() {
        return videoOnStreamByteLearned;
    }

    /** {@return whether the SERVERPUSH preamble is sent} */
    public boolean preamble() {
        return preamble;
    }

    /** {@return one connection or two} */
    public FoscConnectionMode connectionMode() {
        return connectionMode;
    }

    /** Compares the quirk values; whether they were learned or configured does not matter. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FoscQuirks)) {
            return false;
        }
        FoscQuirks q = (FoscQuirks) o;
        return speakerOnLength == q.speakerOnLength && videoOnStreamByte == q.videoOnStreamByte
                && preamble == q.preamble && connectionMode == q.connectionMode;
    }

    @Override
    public int hashCode() {
        return Objects.hash(speakerOnLength, videoOnStreamByte, preamble, connectionMode);
    }

    /** The values, each learned one followed by "(learned)". */
    @Override
    public String toString() {
        return "FoscQuirks[speakerOnLength=" + speakerOnLength + (speakerOnLengthLearned ? " (learned)" : "")
                + ", videoOnStreamByte="
                + (videoOnStreamByte == STREAM_NUMBER ? "stream" : String.valueOf(videoOnStreamByte))
                + (videoOnStreamByteLearned ? " (learned)" : "") + ", preamble=" + preamble + ", connectionMode="
                + connectionMode + "]";
    }

    /** Builds {@link FoscQuirks}. Not thread-safe. */
    public static final class Builder {
        private int speakerOnLength = DEFAULT_SPEAKER_ON_LENGTH;
        private int videoOnStreamByte = STREAM_NUMBER;
        private boolean preamble = true;
        private FoscConnectionMode connectionMode = FoscConnectionMode.SINGLE;

        private Builder() {
        }

        /**
         * @param value the SPEAKER_ON size, at least 132 (160, 161 and 164 are the known ones)
         * @see FoscQuirks#speakerOnLength()
         * @return this builder
         */
        public Builder speakerOnLength(int value) {
            if (value < 132) {
                throw new IllegalArgumentException("speakerOnLength must be at least 132: " + value);
            }
            this.speakerOnLength = value;
            return this;
        }

        /**
         * @param value 0..255, or {@link #STREAM_NUMBER}
         * @see FoscQuirks#videoOnStreamByte()
         * @return this builder
         */
        public Builder videoOnStreamByte(int value) {
            if (value != STREAM_NUMBER && (value < 0 || value > 255)) {
                throw new IllegalArgumentException("videoOnStreamByte must be 0..255 or STREAM_NUMBER: " + value);
            }
            this.videoOnStreamByte = value;
            return this;
        }

        /**
         * @see FoscQuirks#preamble()
         * @param value the new value
         * @return this builder
         */
        public Builder preamble(boolean value) {
            this.preamble = value;
            return this;
        }

        /**
         * @see FoscQuirks#connectionMode()
         * @param value the new value
         * @return this builder
         */
        public Builder connectionMode(FoscConnectionMode value) {
            this.connectionMode = Objects.requireNonNull(value, "connectionMode");
            return this;
        }

        /** {@return the quirks} */
        public FoscQuirks build() {
            return new FoscQuirks(this);
        }
    }
}
