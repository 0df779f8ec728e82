package dev.fosc.client;

import dev.fosc.codec.FoscCameraModel;

/**
 * The known camera models ({@link FoscCameraModel}, fosc-codec's vocabulary of wire quirks, shared with fosc-testkit)
 * with the {@link FoscQuirks} a session derives from them (docs/protocol.md §2), and {@link #AUTO}, the default, which
 * learns them from the camera's own answers. All use the preamble and one connection;
 * {@link FoscSessionOptions.Builder} overrides single quirks. Immutable and thread-safe.
 */
public enum FoscCameraProfile {
    /**
     * The default: the session starts from {@link FoscQuirks#DEFAULT} (160-byte SPEAKER_ON, the stream's number in
     * VIDEO_ON) and learns what this camera wants from its answers, keeping what it learned for the session's life,
     * reconnects included. {@code FoscSession.quirks()} shows it, marked "(learned)".
     *
     * <p>Rules, in this order, each step one request, nothing repeated in a loop:
     * <ol>
     *   <li><b>Stream byte</b> (VIDEO_ON and AUDIO_ON, which carry the same byte): the first request carries the
     *       stream's number (0 main, 1 sub). If the camera refuses it with status 1, the same request is sent
     *       <em>once</em> with the other byte (0 ↔ 1); if that is accepted, the byte is learned and every later
     *       VIDEO_ON and AUDIO_ON of the session (after reconnects too) carries it: one request each. If both are
     *       refused the call fails with {@link FoscRequestRefusedException} naming both bytes, and nothing is
     *       learned. A VIDEO_ON for the main stream accepted with byte 0 also settles the question (the camera
     *       takes stream numbers: byte 0 main, 1 sub); a sub-stream VIDEO_ON accepted with byte 1 settles nothing
     *       (an R2C accepts 1 for both streams), nor does an AUDIO_ON accepted at the first try.</li>
     *   <li><b>SPEAKER_ON size</b>: the talk code tries 160, 164, then 161 bytes, one SPEAKER_ON each, until one is
     *       accepted; the accepted size is learned and used alone afterwards.</li>
     *   <li><b>Camera audio format</b>: told by each frame's length (960 bytes PCM, 120 bytes G.726), as with every
     *       profile.</li>
     * </ol>
     * An explicit override on the options builder ({@link FoscSessionOptions.Builder#speakerOnLength(int)},
     * {@link FoscSessionOptions.Builder#videoOnStreamByte(int)}, or whole quirks through
     * {@link FoscSessionOptions.Builder#quirks(FoscQuirks)}) turns the probing of that quirk off; a named model
     * profile turns all probing off.
     */
    AUTO(null),
    /** FI9821W V2, the seed document's camera: 160-byte SPEAKER_ON, stream byte 0 main / 1 sub. */
    FI9821W_V2(FoscCameraModel.FI9821W_V2),
    /**
     * R2C (firmware 2.91.2.80): 164-byte SPEAKER_ON; VIDEO_ON only works with stream byte 1 (with 0 it answers
     * 16 and sends nothing), so every VIDEO_ON and AUDIO_ON carries 1, which also makes it send G.726 audio.
     */
    R2C(FoscCameraModel.R2C),
    /** C1 V3: 160-byte SPEAKER_ON, stream byte 0 main / 1 sub. */
    C1_V3(FoscCameraModel.C1_V3);

    private final FoscCameraModel model;
    private final FoscQuirks quirks;

    FoscCameraProfile(FoscCameraModel model) {
        this.model = model;
        this.quirks = model == null ? FoscQuirks.DEFAULT : quirksOf(model);
    }

    /** The quirks a session honours for {@code model}: its SPEAKER_ON size and the stream byte it requires. */
    private static FoscQuirks quirksOf(FoscCameraModel model) {
        return FoscQuirks.builder().speakerOnLength(model.speakerOnLength())
                .videoOnStreamByte(model.requiredVideoStreamByte() == FoscCameraModel.ANY_STREAM_BYTE
                        ? FoscQuirks.STREAM_NUMBER : model.requiredVideoStreamByte())
                .build();
    }

    /**
     * {@return the profile of a known model}
     *
     * @param model the model
     */
    public static FoscCameraProfile of(FoscCameraModel model) {
        return valueOf(model.name());
    }

    /** {@return the camera model this profile names, or {@code null} for {@link #AUTO}, which names none} */
    public FoscCameraModel model() {
        return model;
    }

    /** {@return the quirks of this model; for {@link #AUTO}, the ones a session starts from before it learns} */
    public FoscQuirks quirks() {
        return quirks;
    }
}
