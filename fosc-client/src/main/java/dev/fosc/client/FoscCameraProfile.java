package dev.fosc.client;

import dev.fosc.codec.FoscSpeakerOn;

/**
 * Known camera models and the {@link FoscQuirks} they need (PROTOCOL.md §2). All use the preamble and one
 * connection; {@link FoscSessionOptions.Builder} overrides single quirks.
 */
public enum FoscCameraProfile {
    /** FI9821W V2, the seed document's camera: 160-byte SPEAKER_ON, stream byte 0 main / 1 sub. */
    FI9821W_V2(FoscQuirks.DEFAULT),
    /**
     * R2C (firmware 2.91.2.80): 164-byte SPEAKER_ON; VIDEO_ON only works with stream byte 1 (with 0 it answers
     * 16 and sends nothing), so every VIDEO_ON and AUDIO_ON carries 1, which also makes it send G.726 audio.
     */
    R2C(FoscQuirks.builder().speakerOnLength(FoscSpeakerOn.R2C_LENGTH).videoOnStreamByte(1).build()),
    /** C1 V3: 160-byte SPEAKER_ON, stream byte 0 main / 1 sub. */
    C1_V3(FoscQuirks.DEFAULT);

    private final FoscQuirks quirks;

    FoscCameraProfile(FoscQuirks quirks) {
        this.quirks = quirks;
    }

    /** The quirks of this model. */
    public FoscQuirks quirks() {
        return quirks;
    }
}
