package dev.fosc.bridge;

/**
 * How the bridge sends a camera's audio to its RTSP viewers (track 1 of the SDP), chosen with
 * {@link BridgeServer.Builder#audioCodec}. Either way it is the camera's 8000 Hz mono PCM (G.726 cameras decoded by
 * the client first), encoded once per frame for all viewers.
 */
public enum BridgeAudioCodec {
    /** G.711 µ-law, {@code PCMU/8000}, static payload type 0 (RFC 3551): 8 bits a sample; the default. */
    PCMU,
    /**
     * Linear 16-bit big-endian PCM, {@code L16/8000}, dynamic payload type 97 (RFC 3551 §4.5.11): the camera's samples
     * unchanged (no µ-law loss), at twice PCMU's bit rate (128 kbit/s). ffmpeg reads it as {@code pcm_s16be}.
     */
    L16
}
