package dev.fosc.testkit;

import dev.fosc.codec.FoscAudioFormat;
import dev.fosc.codec.FoscCameraModel;
import dev.fosc.codec.FoscLoginReply;

import java.util.Locale;

/**
 * The firmware variants a {@link FakeCamera} reproduces: one per {@link FoscCameraModel}, whose table says what each
 * does differently (docs/protocol.md §2, §3); every fact here is read from the model. A SPEAKER_ON of another size than
 * the profile's gets status 1 in reply 20, as on the real cameras. Immutable.
 */
public enum FakeCameraProfile {
    /** The seed camera, FI9821W V2. */
    FI9821W_V2(FoscCameraModel.FI9821W_V2),
    /** Foscam R2C (firmware 2.91.2.80). */
    R2C(FoscCameraModel.R2C),
    /** Foscam C1 V3. */
    C1_V3(FoscCameraModel.C1_V3);

    /** The command id of the unknown event a C1 V3 sends before LOGIN_REPLY. */
    public static final int C1_V3_EARLY_EVENT = FoscCameraModel.C1_V3_EARLY_EVENT;

    private final FoscCameraModel model;

    FakeCameraProfile(FoscCameraModel model) {
        this.model = model;
    }

    /** {@return the camera model this profile reproduces} */
    public FoscCameraModel model() {
        return model;
    }

    /**
     * {@return the profile that reproduces {@code model}}
     *
     * @param model the model
     */
    public static FakeCameraProfile of(FoscCameraModel model) {
        return valueOf(model.name());
    }

    /** {@return the name used on the command line: {@code fi9821w-v2}, {@code r2c}, {@code c1-v3}} */
    public String cliName() {
        return model.cliName();
    }

    /**
     * The profile with this command-line name or enum name (case-insensitive).
     *
     * @throws IllegalArgumentException for an unknown name (the message lists the valid ones)
     * @param name the name
     * @return the profile with this command-line name or enum name (case-insensitive)
     */
    public static FakeCameraProfile fromName(String name) {
        StringBuilder valid = new StringBuilder();
        for (FakeCameraProfile p : values()) {
            if (p.cliName().equalsIgnoreCase(name) || p.name().equalsIgnoreCase(name)) {
                return p;
            }
            valid.append(valid.length() == 0 ? "" : ", ").append(p.cliName());
        }
        throw new IllegalArgumentException("unknown camera profile '" + name + "'; valid: " + valid);
    }

    /** {@return the SPEAKER_ON payload size this camera accepts; another size gets status 1} */
    public int speakerOnLength() {
        return model.speakerOnLength();
    }

    /**
     * {@return the VIDEO_ON stream byte this camera requires, or -1 ({@link FoscCameraModel#ANY_STREAM_BYTE}) if any}
     */
    public int requiredVideoStream() {
        return model.requiredVideoStreamByte();
    }

    /** {@return the format of the camera's AUDIO_DATA (27)} */
    public FoscAudioFormat audioFormat() {
        return model.audioFormat();
    }

    /** {@return the MIRROR_FLIP (108) payload size this camera sends: 8 or 2} */
    public int mirrorFlipLength() {
        return model.mirrorFlipLength();
    }

    /** {@return whether an unknown event ({@value #C1_V3_EARLY_EVENT}) precedes LOGIN_REPLY} */
    public boolean eventBeforeLoginReply() {
        return model.eventBeforeLoginReply();
    }

    /** {@return the LOGIN_REPLY this camera sends when it refuses a login} */
    public FoscLoginReply refusal() {
        return model.refusal();
    }

    @Override
    public String toString() {
        return name().toUpperCase(Locale.ROOT);
    }
}
