package dev.fosc.bridge;

import dev.fosc.client.record.FoscH264Parameters;

import java.util.Locale;

/**
 * What a camera's SDP says about its video: the parameter sets (the client's {@link FoscH264Parameters}, parsed from
 * a key frame), and the size and frame rate of its media header. Immutable; thread-safe.
 */
record SdpMedia(FoscH264Parameters parameters, int width, int height, int frameRate) {

    /** Payload type of the H.264 track. */
    static final int VIDEO_PT = 96;
    /** Payload type of PCMU (static, RFC 3551). */
    static final int PCMU_PT = 0;
    /** Payload type of L16/8000 mono (dynamic), in the camera's audio track and the backchannel alike. */
    static final int L16_PT = 97;
    /** The track id of the ONVIF backchannel. */
    static final int BACKCHANNEL_TRACK = 2;

    /**
     * The session description (RFC 4566) of {@code name}: track 0 H.264 (RFC 6184, packetization-mode 1), track 1
     * the camera's audio as PCMU/8000 or L16/8000 ({@code audio}), both controlled relative to the Content-Base
     * {@code rtsp://.../NAME/}; with {@code backchannel} track 2, the ONVIF backchannel ({@code a=sendonly}: the
     * client sends PCMU, PCMA or L16 at 8000 Hz).
     */
    String describe(String name, String host, boolean backchannel) {
        return describe(name, host, backchannel, BridgeAudioCodec.PCMU);
    }

    /** {@link #describe(String, String, boolean)} with the camera's audio as {@code audio}. */
    String describe(String name, String host, boolean backchannel, BridgeAudioCodec audio) {
        StringBuilder sdp = new StringBuilder();
        sdp.append("v=0\r\n");
        sdp.append("o=- ").append(System.currentTimeMillis()).append(" 1 IN IP4 ").append(host).append("\r\n");
        sdp.append("s=").append(name).append("\r\n");
        sdp.append("c=IN IP4 0.0.0.0\r\n");
        sdp.append("t=0 0\r\n");
        sdp.append("a=control:*\r\n");
        sdp.append("m=video 0 RTP/AVP ").append(VIDEO_PT).append("\r\n");
        sdp.append("a=rtpmap:").append(VIDEO_PT).append(" H264/90000\r\n");
        sdp.append("a=fmtp:").append(VIDEO_PT).append(" packetization-mode=1;profile-level-id=")
                .append(parameters.profileLevelId().toUpperCase(Locale.ROOT)).append(";sprop-parameter-sets=")
                .append(parameters.spropParameterSets()).append("\r\n");
        if (width > 0 && height > 0) {
            sdp.append("a=cliprect:0,0,").append(height).append(',').append(width).append("\r\n");
        }
        if (frameRate > 0) {
            sdp.append("a=framerate:").append(frameRate).append("\r\n");
        }
        sdp.append("a=control:trackID=0\r\n");
        int audioPt = audioPayloadType(audio);
        sdp.append("m=audio 0 RTP/AVP ").append(audioPt).append("\r\n");
        sdp.append("a=rtpmap:").append(audioPt).append(audio == BridgeAudioCodec.L16 ? " L16/8000/1\r\n"
                : " PCMU/8000\r\n");
        sdp.append("a=control:trackID=1\r\n");
        if (backchannel) {
            sdp.append("m=audio 0 RTP/AVP ").append(PCMU_PT).append(' ').append(RtpAudioDecoder.PCMA_PT).append(' ')
                    .append(RtpAudioDecoder.L16_PT).append("\r\n");
            sdp.append("a=rtpmap:").append(PCMU_PT).append(" PCMU/8000\r\n");
            sdp.append("a=rtpmap:").append(RtpAudioDecoder.PCMA_PT).append(" PCMA/8000\r\n");
            sdp.append("a=rtpmap:").append(RtpAudioDecoder.L16_PT).append(" L16/8000\r\n");
            sdp.append("a=control:trackID=").append(BACKCHANNEL_TRACK).append("\r\n");
            sdp.append("a=sendonly\r\n");
        }
        return sdp.toString();
    }

    /** The RTP payload type of the camera's audio track. */
    static int audioPayloadType(BridgeAudioCodec audio) {
        return audio == BridgeAudioCodec.L16 ? L16_PT : PCMU_PT;
    }
}
