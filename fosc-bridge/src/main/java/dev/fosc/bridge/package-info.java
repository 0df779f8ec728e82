/**
 * fosc bridge: every Foscam camera as an RTSP stream ({@link dev.fosc.bridge.BridgeServer}). One upstream camera
 * session per camera, fanned out to any number of RTSP viewers over interleaved RTP (H.264 per RFC 6184, the
 * camera's audio as PCMU/8000 or L16/8000), optionally behind Digest or Basic authentication. Threading: RTSP
 * connections and camera sessions share the client's event loops; nothing blocks there.
 */
package dev.fosc.bridge;
