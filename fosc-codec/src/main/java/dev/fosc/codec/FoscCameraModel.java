package dev.fosc.codec;

import java.util.Locale;

/**
 * The camera models whose wire quirks are known (docs/protocol.md §2, §3): the one vocabulary both sides of the
 * protocol
 * share. fosc-client's {@code FoscCameraProfile} derives the quirks a session honours from it, fosc-testkit's
 * {@code FakeCameraProfile} the behaviour a fake camera reproduces.
 *
 * <table>
 *   <caption>What each model does differently</caption>
 *   <tr><th>model</th><th>SPEAKER_ON size</th><th>VIDEO_ON stream byte</th><th>camera audio</th>
 *       <th>108 size</th><th>refused login</th><th>before LOGIN_REPLY</th></tr>
 *   <tr><td>{@link #FI9821W_V2}</td><td>160</td><td>any (0 main, 1 sub)</td><td>PCM</td><td>8</td>
 *       <td>empty 100</td><td>nothing</td></tr>
 *   <tr><td>{@link #R2C}</td><td>164</td><td>must be 1 (else 16 with status 1, no video)</td><td>G.726</td>
 *       <td>2</td><td>100 with result 1</td><td>nothing</td></tr>
 *   <tr><td>{@link #C1_V3}</td><td>160</td><td>any (0 main, 1 sub)</td><td>PCM</td><td>8</td>
 *       <td>100 with result 1</td><td>an unknown event ({@value #C1_V3_EARLY_EVENT})</td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe.
 */
public enum FoscCameraModel {
    /** FI9821W V2, the seed document's camera. */
    FI9821W_V2("fi9821w-v2", FoscSpeakerOn.DEFAULT_LENGTH, FoscCameraModel.ANY_STREAM_BYTE, FoscAudioFormat.PCM,
            FoscMirrorFlip.LENGTH, true, false),
    /** Foscam R2C (firmware 2.91.2.80). */
    R2C("r2c", FoscSpeakerOn.R2C_LENGTH, 1, FoscAudioFormat.G726, FoscMirrorFlip.SHORT_LENGTH, false, false),
    /** Foscam C1 V3. */
    C1_V3("c1-v3", FoscSpeakerOn.DEFAULT_LENGTH, FoscCameraModel.ANY_STREAM_BYTE, FoscAudioFormat.PCM,
            FoscMirrorFlip.LENGTH, false, true);

    /** {@link #requiredVideoStreamByte()} of a model that takes the stream's number (0 main, 1 sub). */
    public static final int ANY_STREAM_BYTE = -1;
    /** The command id of the unknown event a C1 V3 sends before LOGIN_REPLY. */
    public static final int C1_V3_EARLY_EVENT = 200;

    private final String cliName;
    private final int speakerOnLength;
    private final int requiredVideoStreamByte;
    private final FoscAudioFormat audioFormat;
    private final int mirrorFlipLength;
    private final boolean emptyRefusal;
    private final boolean eventBeforeLoginReply;

    FoscCameraModel(String cliName, int speakerOnLength, int requiredVideoStreamByte, FoscAudioFormat audioFormat,
                    int mirrorFlipLength, boolean emptyRefusal, boolean eventBeforeLoginReply) {
        this.cliName = cliName;
        this.speakerOnLength = speakerOnLength;
        this.requiredVideoStreamByte = requiredVideoStreamByte;
        this.audioFormat = audioFormat;
        this.mirrorFlipLength = mirrorFlipLength;
        this.emptyRefusal = emptyRefusal;
        this.eventBeforeLoginReply = eventBeforeLoginReply;
    }

    /**
     * {@return the model's name on command lines and in configuration: {@code fi9821w-v2}, {@code r2c}, {@code c1-v3}}
     */
    public String cliName() {
        return cliName;
    }

    /**
     * The model with this command-line name or enum name (case-insensitive).
     *
     * @throws IllegalArgumentException for an unknown name (the message lists the valid ones)
     * @param name the name
     * @return the model with this command-line name or enum name (case-insensitive)
     */
    public static FoscCameraModel fromName(String name) {
        for (FoscCameraModel m : values()) {
            if (m.cliName.equalsIgnoreCase(name) || m.name().equalsIgnoreCase(name)) {
                return m;
            }
        }
        StringBuilder valid = new StringBuilder();
        for (FoscCameraModel m : values()) {
            valid.append(valid.length() == 0 ? "" : ", ").append(m.cliName);
        }
        throw new IllegalArgumentException("unknown camera model '" + name + "'; valid: " + valid);
    }

    /** {@return the SPEAKER_ON payload size the model accepts; another size gets status 1 in reply 20} */
    public int speakerOnLength() {
        return speakerOnLength;
    }

    /**
     * {@return the byte the model requires in VIDEO_ON (and AUDIO_ON) whatever the stream, or {@link #ANY_STREAM_BYTE}
     * if it
     * takes the stream's number}
     */
    public int requiredVideoStreamByte() {
        return requiredVideoStreamByte;
    }

    /** {@return the format of the model's AUDIO_DATA (27)} */
    public FoscAudioFormat audioFormat() {
        return audioFormat;
    }

    /** {@return the MIRROR_FLIP (108) payload size the model sends: {@value FoscMirrorFlip#LENGTH} or 2} */
    public int mirrorFlipLength() {
        return mirrorFlipLength;
    }

    /** {@return whether the model refuses a login with an empty LOGIN_REPLY rather than one with a non-zero result} */
    public boolean refusesWithEmptyReply() {
        return emptyRefusal;
    }

    /** {@return whether an unknown event ({@value #C1_V3_EARLY_EVENT}) precedes LOGIN_REPLY} */
    public boolean eventBeforeLoginReply() {
        return eventBeforeLoginReply;
    }

    /** {@return the LOGIN_REPLY the model sends when it refuses a login} */
    public FoscLoginReply refusal() {
        return emptyRefusal ? FoscLoginReply.refusedEmpty() : FoscLoginReply.refused(FoscLoginReply.RESULT_BAD_CREDENTIALS);
    }

    @Override
    public String toString() {
        return name().toUpperCase(Locale.ROOT);
    }
}
