package dev.fosc.bridge;

import io.netty.buffer.ByteBuf;

/**
 * The payload of one backchannel RTP packet (RFC 3550 header with CSRCs, extension and padding skipped) as 16-bit
 * little-endian PCM at 8000 Hz: PCMU (payload type 0), PCMA (8) or L16 (the dynamic type the SDP offered, big-endian
 * on the wire). Stateless; thread-safe.
 */
final class RtpAudioDecoder {

    /** The dynamic payload type the backchannel offers for L16/8000. */
    static final int L16_PT = SdpMedia.L16_PT;
    static final int PCMA_PT = 8;

    private RtpAudioDecoder() {
    }

    /** The PCM of {@code rtp} (not moved), or {@code null} for a packet that is malformed or of another type. */
    static byte[] pcm(ByteBuf rtp) {
        int at = rtp.readerIndex();
        int length = rtp.readableBytes();
        if (length < 12 || (rtp.getUnsignedByte(at) >> 6) != 2) {
            return null;
        }
        int first = rtp.getUnsignedByte(at);
        int payloadType = rtp.getUnsignedByte(at + 1) & 0x7F;
        int offset = 12 + 4 * (first & 0x0F);
        if ((first & 0x10) != 0) {
            if (length < offset + 4) {
                return null;
            }
            offset += 4 + 4 * rtp.getUnsignedShort(at + offset + 2);
        }
        int end = length;
        if ((first & 0x20) != 0) {
            end -= rtp.getUnsignedByte(at + length - 1);
        }
        if (end < offset) {
            return null;
        }
        int n = end - offset;
        int from = at + offset;
        byte[] pcm;
        switch (payloadType) {
            case SdpMedia.PCMU_PT -> {
                pcm = new byte[2 * n];
                for (int i = 0; i < n; i++) {
                    put(pcm, i, MuLaw.decode(rtp.getByte(from + i)));
                }
            }
            case PCMA_PT -> {
                pcm = new byte[2 * n];
                for (int i = 0; i < n; i++) {
                    put(pcm, i, alaw(rtp.getByte(from + i)));
                }
            }
            case L16_PT -> {
                pcm = new byte[n & ~1];
                for (int i = 0; i < n / 2; i++) {
                    put(pcm, i, rtp.getShort(from + 2 * i));
                }
            }
            default -> pcm = null;
        }
        return pcm;
    }

    private static void put(byte[] pcm, int sample, int value) {
        pcm[2 * sample] = (byte) value;
        pcm[2 * sample + 1] = (byte) (value >> 8);
    }

    /** G.711 A-law to a 16-bit sample. */
    static int alaw(byte b) {
        int a = (b ^ 0x55) & 0xFF;
        int t = (a & 0x0F) << 4;
        int segment = (a & 0x70) >> 4;
        if (segment == 0) {
            t += 8;
        } else {
            t += 0x108;
            t <<= segment - 1;
        }
        return (a & 0x80) != 0 ? t : -t;
    }
}
