package dev.fosc.bridge;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * G.711 µ-law (PCMU) encoding of 16-bit little-endian PCM. Stateless; thread-safe.
 */
final class MuLaw {

    private static final int BIAS = 0x84;
    private static final int CLIP = 32635;

    private MuLaw() {
    }

    /** One 16-bit sample as a µ-law byte. */
    static byte encode(int sample) {
        int sign = (sample >> 8) & 0x80;
        int s = sign != 0 ? -sample : sample;
        if (s > CLIP) {
            s = CLIP;
        }
        s += BIAS;
        int exponent = 7;
        for (int mask = 0x4000; (s & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (s >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    /** A µ-law byte as a 16-bit sample. */
    static int decode(byte b) {
        int u = ~b & 0xFF;
        int t = ((u & 0x0F) << 3) + BIAS;
        t <<= (u & 0x70) >> 4;
        return (u & 0x80) != 0 ? BIAS - t : t - BIAS;
    }

    /**
     * The µ-law bytes of the little-endian PCM between {@code pcm}'s reader and writer index (not moved), in a new
     * buffer from {@code alloc} that the caller owns.
     */
    static ByteBuf encode(ByteBuf pcm, ByteBufAllocator alloc) {
        int samples = pcm.readableBytes() / 2;
        ByteBuf out = alloc.buffer(samples);
        int at = pcm.readerIndex();
        for (int i = 0; i < samples; i++) {
            out.writeByte(encode(pcm.getShortLE(at + 2 * i)));
        }
        return out;
    }
}
