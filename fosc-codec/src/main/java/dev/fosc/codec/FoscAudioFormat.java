package dev.fosc.codec;

/** The audio formats the cameras use (docs/protocol.md §5); the frame length tells which. */
public enum FoscAudioFormat {
    /** Signed 16-bit little-endian PCM, 8000 Hz mono: 960 bytes a 60 ms frame. */
    PCM("pcm"),
    /** G.726 at 16 kbit/s, 120 bytes a 60 ms frame (see {@link G726Decoder}). */
    G726("g726"),
    /** Any other length. */
    UNKNOWN("unknown");

    /** PCM bytes in one 60 ms frame. */
    public static final int PCM_FRAME_BYTES = 960;
    /** G.726-16k bytes in one 60 ms frame. */
    public static final int G726_FRAME_BYTES = 120;
    /** The duration of one frame in milliseconds. */
    public static final int FRAME_MILLIS = 60;

    private final String jsonName;

    FoscAudioFormat(String jsonName) {
        this.jsonName = jsonName;
    }

    /**
     * {@return the format a frame of {@code length} audio bytes has}
     *
     * @param length the length
     */
    public static FoscAudioFormat ofLength(int length) {
        return length == PCM_FRAME_BYTES ? PCM : length == G726_FRAME_BYTES ? G726 : UNKNOWN;
    }

    /** {@return the lower-case name used in the decoded form (docs/protocol.md §8)} */
    public String jsonName() {
        return jsonName;
    }
}
