package dev.fosc.codec;

import io.netty.buffer.ByteBuf;

import java.util.Objects;

/**
 * ITU-T G.726 ADPCM decoder at 16 kbit/s (2 bits per sample, 8000 Hz, mono), in the camera's framing
 * (docs/protocol.md §5): one 120-byte G.726 block becomes 960 bytes of signed 16-bit little-endian PCM
 * (480 samples, 60 ms). Each byte holds four codes with the oldest sample in the two top bits
 * ({@code c0<<6 | c1<<4 | c2<<2 | c3}, the order of ffmpeg's {@code g726} codec, not {@code g726le}).
 * The coder state is reset at the start of every block.
 *
 * <p>The coder works on 14-bit linear samples as the recommendation does: each reconstructed sample is
 * shifted left by two bits (and clamped to 16 bits) for output. The coder is bit-exact with spandsp's
 * G.726 (which passes the ITU-T test vectors; {@code G726SpandspIT} checks it), with one deliberate
 * difference: an overloaded reconstruction beyond 16 bits after the shift is saturated here, where
 * spandsp's 16-bit cast wraps it around to the opposite sign.
 *
 * <p>{@link #decodeSample(int)} and {@link #reset()} give access to the coder without the per-block
 * reset, for a continuous stream.
 *
 * <p><b>Threading:</b> not thread-safe; it holds the coder state of one stream, so use one instance per
 * stream from one thread at a time. <b>Buffers:</b> the {@link ByteBuf}s passed in are only read from or
 * written to during the call; the decoder neither retains nor releases them (their reference counts are
 * untouched, the caller stays their owner).
 */
public final class G726Decoder {

    /** Bytes of 16-bit little-endian PCM in one block (480 samples, 60 ms at 8000 Hz). */
    public static final int PCM_BLOCK_BYTES = G726Encoder.PCM_BLOCK_BYTES;
    /** Bytes of G.726-16k data in one block. */
    public static final int G726_BLOCK_BYTES = G726Encoder.G726_BLOCK_BYTES;

    private final G726State state = new G726State();

    /** Creates a decoder in the initial state. */
    public G726Decoder() {
    }

    /** Puts the coder back into the recommendation's initial state. */
    public void reset() {
        state.reset();
    }

    /**
     * Decodes one code with the current state (no reset) and advances the state.
     *
     * @param code 2-bit code, 0..3
     * @return the signed 16-bit linear sample
     * @throws IllegalArgumentException if {@code code} is not in 0..3
     */
    public int decodeSample(int code) {
        if ((code & ~3) != 0) {
            throw new IllegalArgumentException("not a 2-bit code: " + code);
        }
        return toPcm16(state.decode(code));
    }

    /**
     * Resets the state and decodes one block: reads exactly {@value #G726_BLOCK_BYTES} bytes from
     * {@code g726} (its readerIndex advances by that much) and writes {@value #PCM_BLOCK_BYTES} bytes of
     * PCM to {@code pcmLeOut} (its writerIndex advances by that much).
     *
     * @param g726 source of G.726-16k data
     * @param pcmLeOut destination of signed 16-bit little-endian PCM; grown if needed
     * @throws IllegalArgumentException if {@code g726} has fewer than {@value #G726_BLOCK_BYTES} readable
     *         bytes; nothing is read or written then
     * @throws IndexOutOfBoundsException if {@code pcmLeOut} cannot take {@value #PCM_BLOCK_BYTES} more
     *         bytes; nothing is read or written then
     */
    public void decodeBlock(ByteBuf g726, ByteBuf pcmLeOut) {
        Objects.requireNonNull(g726, "g726");
        Objects.requireNonNull(pcmLeOut, "pcmLeOut");
        if (g726.readableBytes() < G726_BLOCK_BYTES) {
            throw new IllegalArgumentException("a G.726 block needs " + G726_BLOCK_BYTES
                    + " readable bytes, has " + g726.readableBytes());
        }
        pcmLeOut.ensureWritable(PCM_BLOCK_BYTES);
        state.reset();
        G726State s = state;
        int in = g726.readerIndex();
        int o = pcmLeOut.writerIndex();
        for (int i = 0; i < G726_BLOCK_BYTES; i++, o += 8) {
            int v = g726.getUnsignedByte(in + i);
            pcmLeOut.setShortLE(o, toPcm16(s.decode(v >> 6)));
            pcmLeOut.setShortLE(o + 2, toPcm16(s.decode((v >> 4) & 3)));
            pcmLeOut.setShortLE(o + 4, toPcm16(s.decode((v >> 2) & 3)));
            pcmLeOut.setShortLE(o + 6, toPcm16(s.decode(v & 3)));
        }
        g726.readerIndex(in + G726_BLOCK_BYTES);
        pcmLeOut.writerIndex(o);
    }

    /**
     * Decodes whole blocks, resetting the state at the start of each.
     *
     * @param g726 G.726-16k data, a multiple of {@value #G726_BLOCK_BYTES} bytes long (zero blocks give
     *        an empty result)
     * @return {@value #PCM_BLOCK_BYTES} bytes of signed 16-bit little-endian PCM per block
     * @throws IllegalArgumentException if the length is not a whole number of blocks
     */
    public byte[] decode(byte[] g726) {
        Objects.requireNonNull(g726, "g726");
        if (g726.length % G726_BLOCK_BYTES != 0) {
            throw new IllegalArgumentException("G.726 length " + g726.length
                    + " is not a multiple of " + G726_BLOCK_BYTES);
        }
        byte[] out = new byte[g726.length * 8];
        G726State s = state;
        int o = 0;
        for (int i = 0; i < g726.length; i++, o += 8) {
            if (i % G726_BLOCK_BYTES == 0) {
                s.reset();
            }
            int v = g726[i] & 0xff;
            put(out, o, toPcm16(s.decode(v >> 6)));
            put(out, o + 2, toPcm16(s.decode((v >> 4) & 3)));
            put(out, o + 4, toPcm16(s.decode((v >> 2) & 3)));
            put(out, o + 6, toPcm16(s.decode(v & 3)));
        }
        return out;
    }

    private static void put(byte[] out, int i, int sample) {
        out[i] = (byte) sample;
        out[i + 1] = (byte) (sample >> 8);
    }

    /** 14-bit reconstructed sample to 16 bits, clamped (the reconstruction can exceed 14 bits slightly). */
    private static int toPcm16(int sr) {
        int v = sr << 2;
        return v > Short.MAX_VALUE ? Short.MAX_VALUE : v < Short.MIN_VALUE ? Short.MIN_VALUE : v;
    }
}
