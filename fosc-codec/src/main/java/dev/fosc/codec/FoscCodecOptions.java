package dev.fosc.codec;

/**
 * How {@link FoscPipelines} sets up a channel. Immutable; build with {@link #builder()}.
 *
 * <table>
 *   <caption>Options and defaults</caption>
 *   <tr><th>option</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@link #maxPayloadLength()}</td><td>{@value FoscFrameDecoder#DEFAULT_MAX_PAYLOAD_LENGTH} (4 MiB)</td>
 *       <td>larger declared payloads fail with {@code TooLongFrameException} before buffering</td></tr>
 *   <tr><td>{@link #preamble()}</td><td>{@code true}</td><td>send (client) or expect (camera) the
 *       {@code SERVERPUSH} preamble; {@code false} for older firmware's separate media port</td></tr>
 *   <tr><td>{@link #hostHeader()}</td><td>{@code null}: the remote {@code host:port}</td><td>client only: the
 *       preamble's Host header</td></tr>
 * </table>
 */
public final class FoscCodecOptions {

    /** The defaults. */
    public static final FoscCodecOptions DEFAULT = builder().build();

    private final int maxPayloadLength;
    private final boolean preamble;
    private final String hostHeader;

    private FoscCodecOptions(Builder b) {
        this.maxPayloadLength = b.maxPayloadLength;
        this.preamble = b.preamble;
        this.hostHeader = b.hostHeader;
    }

    /** {@return a builder with the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder starting from these options} */
    public Builder toBuilder() {
        return new Builder().maxPayloadLength(maxPayloadLength).preamble(preamble).hostHeader(hostHeader);
    }

    /** {@return the largest payload accepted} */
    public int maxPayloadLength() {
        return maxPayloadLength;
    }

    /** {@return whether the SERVERPUSH preamble is used} */
    public boolean preamble() {
        return preamble;
    }

    /** {@return the client's Host header, or {@code null} for the remote address} */
    public String hostHeader() {
        return hostHeader;
    }

    @Override
    public String toString() {
        return "FoscCodecOptions[maxPayloadLength=" + maxPayloadLength + ", preamble=" + preamble + ", hostHeader="
                + hostHeader + "]";
    }

    /** Builds {@link FoscCodecOptions}. Not thread-safe. */
    public static final class Builder {
        private int maxPayloadLength = FoscFrameDecoder.DEFAULT_MAX_PAYLOAD_LENGTH;
        private boolean preamble = true;
        private String hostHeader;

        private Builder() {
        }

        /**
         * @see FoscCodecOptions#maxPayloadLength()
         * @param value the new value
         * @return this builder
         */
        public Builder maxPayloadLength(int value) {
            if (value < 0 || value > Integer.MAX_VALUE - FoscFrames.HEADER_LENGTH) {
                throw new IllegalArgumentException("maxPayloadLength out of range: " + value);
            }
            this.maxPayloadLength = value;
            return this;
        }

        /**
         * @see FoscCodecOptions#preamble()
         * @param value the new value
         * @return this builder
         */
        public Builder preamble(boolean value) {
            this.preamble = value;
            return this;
        }

        /**
         * @see FoscCodecOptions#hostHeader()
         * @param value the new value
         * @return this builder
         */
        public Builder hostHeader(String value) {
            this.hostHeader = value;
            return this;
        }

        /** {@return the options} */
        public FoscCodecOptions build() {
            return new FoscCodecOptions(this);
        }
    }
}
