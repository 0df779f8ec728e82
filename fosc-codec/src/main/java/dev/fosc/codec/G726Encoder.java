package dev.fosc.codec;

import io.netty.buffer.ByteBuf;

import java.util.Objects;

/**
 * ITU-T G.726 ADPCM encoder at 16 kbit/s (2 bits per sample, 8000 Hz, mono), in the camera's framing
 * (docs/protocol.md §5): 960 bytes of signed 16-bit little-endian PCM (480 samples, 60 ms) become one
 * 120-byte G.726 block, each byte holding four codes with the oldest sample in the two top bits
 * ({@code c0<<6 | c1<<4 | c2<<2 | c3}, the order of ffmpeg's {@code g726} codec, not {@code g726le}).
 * The coder state is reset at the start of every block.
 *
 * <p>The coder works on 14-bit linear samples as the recommendation does: each 16-bit input sample is
 * shifted right by two bits. Its output is bit-exact with spandsp's G.726 (which passes the ITU-T test
 * vectors) in the same framing; {@code G726SpandspIT} checks it.
 *
 * <p>{@link #encodeSample(int)} and {@link #reset()} give access to the coder without the per-block
 * reset, for a continuous stream.
 *
 * <p><b>Threading:</b> not thread-safe; it holds the coder state of one stream, so use one instance per
 * stream from one thread at a time. <b>Buffers:</b> the {@link ByteBuf}s passed in are only read from or
 * written to during the call; the encoder neither retains nor releases them (their reference counts are
 * untouched, the caller stays their owner).
 */
public final class G726Encoder {

    /** Bytes of 16-bit little-endian PCM in one block (480 samples, 60 ms at 8000 Hz). */
    public static final int PCM_BLOCK_BYTES = 960;
    /** Bytes of G.726-16k data in one block. */
    public static final int G726_BLOCK_BYTES = 120;

    private final G726State state = new G726State();

    /** Creates an encoder in the initial state. */
    public G726Encoder() {
    }

    /** Puts the coder back into the recommendation's initial state. */
    public void reset() {
        state.reset();
    }

    /**
     * Encodes one sample with the current state (no reset) and advances the state.
     *
     * @param pcm16 signed 16-bit linear sample, -32768..32767
     * @return the 2-bit code, 0..3 (bit 1 is the sign: 0/1 small/large positive, 3/2 small/large negative)
     * @throws IllegalArgumentException if {@code pcm16} is not a 16-bit value
     */
    public int encodeSample(int pcm16) {
        if (pcm16 < Short.MIN_VALUE || pcm16 > Short.MAX_VALUE) {
            throw new IllegalArgumentException("not a 16-bit sample: " + pcm16);
        }
        return state.encode(pcm16 >> 2);
    }

    /**
     * Resets the state and encodes one block: reads exactly {@value #PCM_BLOCK_BYTES} bytes of PCM from
     * {@code pcmLe} (its readerIndex advances by that much) and writes {@value #G726_BLOCK_BYTES} bytes to
     * {@code out} (its writerIndex advances by that much).
     *
     * @param pcmLe source of signed 16-bit little-endian PCM
     * @param out destination; grown if needed
     * @throws IllegalArgumentException if {@code pcmLe} has fewer than {@value #PCM_BLOCK_BYTES} readable
     *         bytes; nothing is read or written then
     * @throws IndexOutOfBoundsException if {@code out} cannot take {@value #G726_BLOCK_BYTES} more bytes;
     *         nothing is read or written then
     */
    public void encodeBlock(ByteBuf pcmLe, ByteBuf out) {
        Objects.requireNonNull(pcmLe, "pcmLe");
        Objects.requireNonNull(out, "out");
        if (pcmLe.readableBytes() < PCM_BLOCK_BYTES) {
            throw new IllegalArgumentException("a PCM block needs " + PCM_BLOCK_BYTES
                    + " readable bytes, has " + pcmLe.readableBytes());
        }
        out.ensureWritable(G726_BLOCK_BYTES);
        state.reset();
        G726State s = state;
        int in = pcmLe.readerIndex();
        int o = out.writerIndex();
        for (int i = 0; i < G726_BLOCK_BYTES; i++, in += 8) {
            int c0 = s.encode(pcmLe.getShortLE(in) >> 2);
            int c1 = s.encode(pcmLe.getShortLE(in + 2) >> 2);
            int c2 = s.encode(pcmLe.getShortLE(in + 4) >> 2);
            int c3 = s.encode(pcmLe.getShortLE(in + 6) >> 2);
            out.setByte(o + i, c0 << 6 | c1 << 4 | c2 << 2 | c3);
        }
        pcmLe.readerIndex(in);
        out.writerIndex(o + G726_BLOCK_BYTES);
    }

    /**
     * Encodes whole blocks, resetting the state at the start of each.
     *
     * @param pcmLe signed 16-bit little-endian PCM, a multiple of {@value #PCM_BLOCK_BYTES} bytes long
     *        (zero blocks give an empty result)
     * @return {@value #G726_BLOCK_BYTES} bytes of G.726 per block
     * @throws IllegalArgumentException if the length is not a whole number of blocks
     */
    public byte[] encode(byte[] pcmLe) {
        Objects.requireNonNull(pcmLe, "pcmLe");
        if (pcmLe.length % PCM_BLOCK_BYTES != 0) {
            throw new IllegalArgumentException("PCM length " + pcmLe.length
                    + " is not a multiple of " + PCM_BLOCK_BYTES);
        }
        byte[] out = new byte[pcmLe.length / 8];
        G726State s = state;
        int in = 0;
        for (int o = 0; o < out.length; o++, in += 8) {
            if (o % G726_BLOCK_BYTES == 0) {
                s.reset();
            }
            int c0 = s.encode(sample(pcmLe, in) >> 2);
            int c1 = s.encode(sample(pcmLe, in + 2) >> 2);
            int c2 = s.encode(sample(pcmLe, in + 4) >> 2);
            int c3 = s.encode(sample(pcmLe, in + 6) >> 2);
            out[o] = (byte) (c0 << 6 | c1 << 4 | c2 << 2 | c3);
        }
        return out;
    }

    private static int sample(byte[] pcmLe, int i) {
        return (pcmLe[i] & 0xff) | (pcmLe[i + 1] << 8);
    }
}
