package dev.fosc.client;

/**
 * How talk audio goes to the camera speaker in TALK_DATA (docs/protocol.md §5). The application always writes PCM; the
 * encoding only decides what the frames on the wire carry. Immutable and thread-safe.
 */
public enum FoscTalkEncoding {
    /** 960 bytes of PCM (8 kHz mono s16le) per 60 ms frame, as written; louder on the camera that played both. */
    PCM(960),
    /** 120 bytes of G.726-16k per 60 ms frame (the coder reset at every frame), for models that want it. */
    G726(120);

    private final int frameBytes;

    FoscTalkEncoding(int frameBytes) {
        this.frameBytes = frameBytes;
    }

    /** {@return the audio bytes of one TALK_DATA frame in this encoding} */
    public int frameBytes() {
        return frameBytes;
    }
}
