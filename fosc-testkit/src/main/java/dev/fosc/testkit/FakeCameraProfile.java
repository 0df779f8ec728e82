package dev.fosc.testkit;

import dev.fosc.codec.FoscAudioFormat;
import dev.fosc.codec.FoscLoginReply;
import dev.fosc.codec.FoscMirrorFlip;
import dev.fosc.codec.FoscSpeakerOn;

import java.util.Locale;

/**
 * The firmware variants a {@link FakeCamera} reproduces (docs/protocol.md §2, §3). Immutable.
 *
 * <table>
 *   <caption>What each profile does differently</caption>
 *   <tr><th>profile</th><th>SPEAKER_ON size</th><th>VIDEO_ON stream byte</th><th>camera audio</th>
 *       <th>108 size</th><th>refused login</th><th>before LOGIN_REPLY</th></tr>
 *   <tr><td>{@link #FI9821W_V2}</td><td>160</td><td>any</td><td>PCM</td><td>8</td><td>empty 100</td>
 *       <td>nothing</td></tr>
 *   <tr><td>{@link #R2C}</td><td>164</td><td>must be 1 (else 16 with status 1, no video)</td><td>G.726</td>
 *       <td>2</td><td>100 with result 1</td><td>nothing</td></tr>
 *   <tr><td>{@link #C1_V3}</td><td>160</td><td>any</td><td>PCM</td><td>8</td><td>100 with result 1</td>
 *       <td>an unknown event ({@value #C1_V3_EARLY_EVENT})</td></tr>
 * </table>
 * A SPEAKER_ON of another size than the profile's gets status 1 in reply 20, as on the real cameras.
 */
public enum FakeCameraProfile {
    /** The seed camera, FI9821W V2. */
    FI9821W_V2("fi9821w-v2", FoscSpeakerOn.DEFAULT_LENGTH, -1, FoscAudioFormat.PCM, FoscMirrorFlip.LENGTH, true,
            false),
    /** Foscam R2C (firmware 2.91.2.80). */
    R2C("r2c", FoscSpeakerOn.R2C_LENGTH, 1, FoscAudioFormat.G726, FoscMirrorFlip.SHORT_LENGTH, false, false),
    /** Foscam C1 V3. */
    C1_V3("c1-v3", FoscSpeakerOn.DEFAULT_LENGTH, -1, FoscAudioFormat.PCM, FoscMirrorFlip.LENGTH, false, true);

    /** The command id of the unknown event a C1 V3 sends before LOGIN_REPLY. */
    public static final int C1_V3_EARLY_EVENT = 200;

    private final String cliName;
    private final int speakerOnLength;
    private final int requiredVideoStream;
    private final FoscAudioFormat audioFormat;
    private final int mirrorFlipLength;
    private final boolean emptyRefusal;
    private final boolean eventBeforeLoginReply;

    FakeCameraProfile(String cliName, int speakerOnLength, int requiredVideoStream, FoscAudioFormat audioFormat,
                      int mirrorFlipLength, boolean emptyRefusal, boolean eventBeforeLoginReply) {
        this.cliName = cliName;
        this.speakerOnLength = speakerOnLength;
        this.requiredVideoStream = requiredVideoStream;
        this.audioFormat = audioFormat;
        this.mirrorFlipLength = mirrorFlipLength;
        this.emptyRefusal = emptyRefusal;
        this.eventBeforeLoginReply = eventBeforeLoginReply;
    }

    /** {@return the name used on the command line: {@code fi9821w-v2}, {@code r2c}, {@code c1-v3}} */
    public String cliName() {
        return cliName;
    }

    /**
     * The profile with this command-line name or enum name (case-insensitive).
     *
     * @throws IllegalArgumentException for an unknown name (the message lists the valid ones)
     * @param name the name
     * @return the profile with this command-line name or enum name (case-insensitive)
     */
    public static FakeCameraProfile fromName(String name) {
        for (FakeCameraProfile p : values()) {
            if (p.cliName.equalsIgnoreCase(name) || p.name().equalsIgnoreCase(name)) {
                return p;
            }
        }
        StringBuilder valid = new StringBuilder();
        for (FakeCameraProfile p : values()) {
            valid.append(valid.length() == 0 ? "" : ", ").append(p.cliName);
        }
        throw new IllegalArgumentException("unknown camera profile '" + name + "'; valid: " + valid);
    }

    /** {@return the SPEAKER_ON payload size this camera accepts; another size gets status 1} */
    public int speakerOnLength() {
        return speakerOnLength;
    }

    /** {@return the VIDEO_ON stream byte this camera requires, or -1 if it accepts any} */
    public int requiredVideoStream() {
        return requiredVideoStream;
    }

    /** {@return the format of the camera's AUDIO_DATA (27)} */
    public FoscAudioFormat audioFormat() {
        return audioFormat;
    }

    /** {@return the MIRROR_FLIP (108) payload size this camera sends: 8 or 2} */
    public int mirrorFlipLength() {
        return mirrorFlipLength;
    }

    /** {@return whether an unknown event ({@value #C1_V3_EARLY_EVENT}) precedes LOGIN_REPLY} */
    public boolean eventBeforeLoginReply() {
        return eventBeforeLoginReply;
    }

    /** {@return the LOGIN_REPLY this camera sends when it refuses a login} */
    public FoscLoginReply refusal() {
        return emptyRefusal ? FoscLoginReply.refusedEmpty() : FoscLoginReply.refused(FoscLoginReply.RESULT_BAD_CREDENTIALS);
    }

    @Override
    public String toString() {
        return name().toUpperCase(Locale.ROOT);
    }
}
