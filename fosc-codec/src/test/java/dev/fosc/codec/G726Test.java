package dev.fosc.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** G.726-16k encoder and decoder: quality, per-block reset, bit order, buffer handling, argument checks. */
class G726Test {

    private static final int BLOCK_SAMPLES = 480;

    // ------------------------------------------------------------------ helpers (also used by the IT)

    /**
     * A deterministic speech-like signal at 8000 Hz: a voiced sound (harmonics of a fundamental gliding
     * around 120–180 Hz, weighted by three formant resonances that drift) with a syllabic envelope of
     * about 4 Hz that falls to near silence between syllables, plus a little breath noise.
     */
    static short[] speechLike(int samples, long seed) {
        Random rnd = new Random(seed);
        double[] raw = new double[samples];
        double phase = 0;
        double peak = 0;
        for (int n = 0; n < samples; n++) {
            double t = n / 8000.0;
            double f0 = 150 + 25 * Math.sin(2 * Math.PI * 0.7 * t) + 8 * Math.sin(2 * Math.PI * 5.3 * t);
            phase += 2 * Math.PI * f0 / 8000.0;
            double f1 = 600 + 200 * Math.sin(2 * Math.PI * 1.3 * t);
            double f2 = 1500 + 500 * Math.sin(2 * Math.PI * 0.9 * t + 1);
            double f3 = 2600;
            double voiced = 0;
            for (int h = 1; h * f0 < 3800; h++) {
                double f = h * f0;
                double w = formant(f, f1, 90) + 0.5 * formant(f, f2, 120) + 0.25 * formant(f, f3, 200);
                voiced += w * Math.sin(h * phase);
            }
            double syllable = Math.sin(2 * Math.PI * 3.7 * t + 0.8 * Math.sin(2 * Math.PI * 0.45 * t));
            double env = Math.pow(Math.max(0, syllable), 0.6) * (0.6 + 0.4 * Math.sin(2 * Math.PI * 0.23 * t));
            double noise = rnd.nextGaussian() * (0.02 + 0.08 * env);
            raw[n] = env * voiced + noise;
            peak = Math.max(peak, Math.abs(raw[n]));
        }
        short[] out = new short[samples];
        double scale = 16000 / peak;
        for (int n = 0; n < samples; n++) {
            out[n] = (short) Math.round(raw[n] * scale);
        }
        return out;
    }

    private static double formant(double f, double centre, double bandwidth) {
        double x = (f - centre) / bandwidth;
        return 1 / (1 + x * x);
    }

    /** Signal-to-noise ratio in dB of {@code decoded} against {@code original}, over their common length. */
    static double snrDb(short[] original, short[] decoded) {
        int n = Math.min(original.length, decoded.length);
        double signal = 0;
        double noise = 0;
        for (int i = 0; i < n; i++) {
            double e = original[i] - decoded[i];
            signal += (double) original[i] * original[i];
            noise += e * e;
        }
        return 10 * Math.log10(signal / noise);
    }

    static byte[] toLe(short[] samples) {
        byte[] b = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            b[2 * i] = (byte) samples[i];
            b[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        return b;
    }

    static short[] fromLe(byte[] b) {
        short[] s = new short[b.length / 2];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) ((b[2 * i] & 0xff) | (b[2 * i + 1] << 8));
        }
        return s;
    }

    /** Packs 2-bit codes four to a byte, oldest in the top bits; the length must be a multiple of 4. */
    static byte[] pack(int[] codes) {
        byte[] out = new byte[codes.length / 4];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (codes[4 * i] << 6 | codes[4 * i + 1] << 4 | codes[4 * i + 2] << 2 | codes[4 * i + 3]);
        }
        return out;
    }

    static int[] unpack(byte[] packed) {
        int[] codes = new int[packed.length * 4];
        for (int i = 0; i < packed.length; i++) {
            for (int k = 0; k < 4; k++) {
                codes[4 * i + k] = (packed[i] >> (6 - 2 * k)) & 3;
            }
        }
        return codes;
    }

    /** Encodes as one continuous stream (a single reset at the start, none per block). */
    static int[] encodeContinuous(short[] samples) {
        G726Encoder enc = new G726Encoder();
        int[] codes = new int[samples.length];
        for (int i = 0; i < samples.length; i++) {
            codes[i] = enc.encodeSample(samples[i]);
        }
        return codes;
    }

    /** Decodes as one continuous stream (a single reset at the start, none per block). */
    static short[] decodeContinuous(int[] codes) {
        G726Decoder dec = new G726Decoder();
        short[] out = new short[codes.length];
        for (int i = 0; i < codes.length; i++) {
            out[i] = (short) dec.decodeSample(codes[i]);
        }
        return out;
    }

    // ------------------------------------------------------------------ quality

    @Test
    void speechLikeRoundTripHasReasonableSnr() {
        short[] signal = speechLike(BLOCK_SAMPLES * 50, 0x6726L);
        short[] perBlock = fromLe(new G726Decoder().decode(new G726Encoder().encode(toLe(signal))));
        short[] continuous = decodeContinuous(encodeContinuous(signal));
        double snrBlocks = snrDb(signal, perBlock);
        double snrContinuous = snrDb(signal, continuous);
        System.out.printf("G.726-16k round trip SNR: %.2f dB with the per-block reset, %.2f dB continuous%n",
                snrBlocks, snrContinuous);
        assertTrue(snrContinuous > 6.0, "continuous SNR " + snrContinuous);
        assertTrue(snrBlocks > 5.0, "per-block SNR " + snrBlocks);
        // the reset costs a little at each block start, but not much
        assertTrue(snrBlocks > snrContinuous - 1.5, snrBlocks + " vs " + snrContinuous);
    }

    @Test
    void silenceStaysNearSilence() {
        byte[] pcm = new byte[G726Encoder.PCM_BLOCK_BYTES * 10];
        byte[] coded = new G726Encoder().encode(pcm);
        short[] decoded = fromLe(new G726Decoder().decode(coded));
        int max = 0;
        for (short s : decoded) {
            max = Math.max(max, Math.abs(s));
        }
        System.out.println("G.726-16k silence: peak decoded magnitude " + max);
        // the 2-bit quantizer has no zero level, so silence becomes a small idle pattern (about -70 dBFS)
        assertTrue(max <= 32, "peak " + max);
        // and with the per-block reset every block of silence codes alike
        for (int b = 1; b < 10; b++) {
            assertArrayEquals(Arrays.copyOfRange(coded, 0, 120), Arrays.copyOfRange(coded, 120 * b, 120 * b + 120));
        }
    }

    @Test
    void loudSquareWaveDoesNotBreakTheCoder() {
        short[] signal = new short[BLOCK_SAMPLES * 8];
        for (int i = 0; i < signal.length; i++) {
            signal[i] = (i / 20) % 2 == 0 ? Short.MAX_VALUE : Short.MIN_VALUE;
        }
        short[] decoded = decodeContinuous(encodeContinuous(signal));
        double snr = snrDb(signal, decoded);
        System.out.printf("G.726-16k full-scale 200 Hz square wave SNR: %.2f dB%n", snr);
        assertTrue(snr > 3.0, "SNR " + snr);
    }

    // ------------------------------------------------------------------ per-block reset

    @Test
    void encoderResetsStateAtEveryBlock() {
        short[] signal = speechLike(BLOCK_SAMPLES * 3, 42);
        byte[] pcm = toLe(signal);
        byte[] block2Pcm = Arrays.copyOfRange(pcm, 960, 1920);

        byte[] all = new G726Encoder().encode(pcm);
        assertEquals(360, all.length);
        byte[] block2InStream = Arrays.copyOfRange(all, 120, 240);

        // block 2 alone, on a fresh encoder and on one that has just coded something else
        assertArrayEquals(block2InStream, new G726Encoder().encode(block2Pcm));
        G726Encoder used = new G726Encoder();
        used.encode(Arrays.copyOfRange(pcm, 0, 960));
        for (int i = 0; i < 100; i++) {
            used.encodeSample(12345);
        }
        ByteBuf in = Unpooled.wrappedBuffer(block2Pcm);
        ByteBuf out = ByteBufAllocator.DEFAULT.buffer(120);
        try {
            used.encodeBlock(in, out);
            assertArrayEquals(block2InStream, bytes(out));
        } finally {
            in.release();
            out.release();
        }

        // without the reset block 2 codes differently, so the reset is observable
        byte[] continuous = pack(encodeContinuous(signal));
        assertArrayEquals(Arrays.copyOfRange(all, 0, 120), Arrays.copyOfRange(continuous, 0, 120));
        assertFalse(Arrays.equals(block2InStream, Arrays.copyOfRange(continuous, 120, 240)));
    }

    @Test
    void decoderResetsStateAtEveryBlock() {
        byte[] coded = new G726Encoder().encode(toLe(speechLike(BLOCK_SAMPLES * 3, 43)));
        byte[] all = new G726Decoder().decode(coded);
        assertEquals(2880, all.length);
        byte[] block2InStream = Arrays.copyOfRange(all, 960, 1920);

        G726Decoder used = new G726Decoder();
        used.decode(Arrays.copyOfRange(coded, 0, 120));
        used.decodeSample(1);
        ByteBuf in = Unpooled.wrappedBuffer(Arrays.copyOfRange(coded, 120, 240));
        ByteBuf out = ByteBufAllocator.DEFAULT.buffer(960);
        try {
            used.decodeBlock(in, out);
            assertArrayEquals(block2InStream, bytes(out));
        } finally {
            in.release();
            out.release();
        }

        // without the reset block 2 decodes differently
        short[] continuous = decodeContinuous(unpack(coded));
        assertFalse(Arrays.equals(block2InStream, Arrays.copyOfRange(toLe(continuous), 960, 1920)));
    }

    // ------------------------------------------------------------------ hand-checked values and bit order

    /*
     * Initial state: y = yl >> 6 = 544 (al = 0), so y >> 2 = 136, and the signal estimate is 0.
     * Decoder: code 1 -> DQL = 365 + 136 = 501 -> exponent 3, mantissa 117 -> (245 << 7) >> 11 = 15;
     *          code 0 -> DQL = 116 + 136 = 252 -> exponent 1, mantissa 124 -> (252 << 7) >> 13 = 3.
     *          Output is the 14-bit value << 2: 60 and 12, negative for codes 2 and 3.
     * Encoder: |I| = 1 when DL - 136 >= 261, DL = 128 * exponent + mantissa of |d|:
     *          |d| = 8 -> DL = 384 -> 0; |d| = 9 -> DL = 400 -> 1. d = pcm16 >> 2.
     */
    @Test
    void firstSampleFromInitialStateMatchesHandComputation() {
        assertEquals(60, new G726Decoder().decodeSample(1));
        assertEquals(-60, new G726Decoder().decodeSample(2));
        assertEquals(12, new G726Decoder().decodeSample(0));
        assertEquals(-12, new G726Decoder().decodeSample(3));

        assertEquals(0, new G726Encoder().encodeSample(0));
        assertEquals(0, new G726Encoder().encodeSample(35));
        assertEquals(1, new G726Encoder().encodeSample(36));
        assertEquals(1, new G726Encoder().encodeSample(16000));
        assertEquals(3, new G726Encoder().encodeSample(-1));
        assertEquals(3, new G726Encoder().encodeSample(-32));
        assertEquals(2, new G726Encoder().encodeSample(-33)); // -33 >> 2 = -9
        assertEquals(2, new G726Encoder().encodeSample(-16000));
    }

    @Test
    void oldestSampleIsInTheTopBits() {
        // decoder: only the top two bits of the first byte decide the first sample
        assertEquals(60, firstDecodedSample(0x40));
        assertEquals(60, firstDecodedSample(0x7f));
        assertEquals(-60, firstDecodedSample(0x80));
        assertEquals(12, firstDecodedSample(0x01)); // g726le order would give 60
        assertEquals(-12, firstDecodedSample(0xc0));

        // encoder: a loud first sample shows in the top bits of the first byte
        byte[] pcm = new byte[960];
        pcm[0] = (byte) 16000;
        pcm[1] = (byte) (16000 >> 8);
        assertEquals(1, (new G726Encoder().encode(pcm)[0] >> 6) & 3);
        pcm[0] = (byte) -16000;
        pcm[1] = (byte) (-16000 >> 8);
        assertEquals(2, (new G726Encoder().encode(pcm)[0] >> 6) & 3);
    }

    @Test
    void blockPackingMatchesSampleBySampleCoding() {
        short[] signal = speechLike(BLOCK_SAMPLES, 7);
        G726Encoder enc = new G726Encoder();
        int[] codes = new int[BLOCK_SAMPLES];
        for (int i = 0; i < BLOCK_SAMPLES; i++) {
            codes[i] = enc.encodeSample(signal[i]);
        }
        byte[] block = new G726Encoder().encode(toLe(signal));
        assertArrayEquals(pack(codes), block);

        G726Decoder dec = new G726Decoder();
        short[] expected = new short[BLOCK_SAMPLES];
        for (int i = 0; i < BLOCK_SAMPLES; i++) {
            expected[i] = (short) dec.decodeSample(codes[i]);
        }
        assertArrayEquals(expected, fromLe(new G726Decoder().decode(block)));
    }

    private static int firstDecodedSample(int firstByte) {
        byte[] block = new byte[120];
        block[0] = (byte) firstByte;
        return fromLe(new G726Decoder().decode(block))[0];
    }

    // ------------------------------------------------------------------ ByteBuf handling

    @Test
    void blockMethodsConsumeExactlyOneBlockAndAgreeWithArrays() {
        byte[] pcm = toLe(speechLike(BLOCK_SAMPLES * 2, 11));
        byte[] coded = new G726Encoder().encode(pcm);
        byte[] decoded = new G726Decoder().decode(coded);

        ByteBuf pcmBuf = ByteBufAllocator.DEFAULT.directBuffer(pcm.length + 8);
        ByteBuf codedBuf = ByteBufAllocator.DEFAULT.heapBuffer(4);
        ByteBuf decodedBuf = Unpooled.directBuffer(16);
        try {
            pcmBuf.writeInt(0xdeadbeef);
            pcmBuf.readInt();
            pcmBuf.writeBytes(pcm).writeInt(0xcafebabe);
            codedBuf.writeByte(0x55);
            decodedBuf.writeByte(0x66);

            G726Encoder enc = new G726Encoder();
            enc.encodeBlock(pcmBuf, codedBuf);
            assertEquals(4 + 960, pcmBuf.readerIndex());
            assertEquals(1 + 120, codedBuf.writerIndex());
            enc.encodeBlock(pcmBuf, codedBuf);
            assertEquals(4, pcmBuf.readableBytes());
            assertEquals(0x55, codedBuf.readByte());
            assertArrayEquals(coded, copy(codedBuf));

            G726Decoder dec = new G726Decoder();
            dec.decodeBlock(codedBuf, decodedBuf);
            assertEquals(1 + 120, codedBuf.readerIndex());
            assertEquals(1 + 960, decodedBuf.writerIndex());
            dec.decodeBlock(codedBuf, decodedBuf);
            assertEquals(0, codedBuf.readableBytes());
            assertEquals(0x66, decodedBuf.readByte());
            assertArrayEquals(decoded, copy(decodedBuf));
            // the coder leaves the reference counts alone
            assertEquals(1, pcmBuf.refCnt());
            assertEquals(1, codedBuf.refCnt());
            assertEquals(1, decodedBuf.refCnt());
        } finally {
            pcmBuf.release();
            codedBuf.release();
            decodedBuf.release();
        }
    }

    private static byte[] copy(ByteBuf buf) {
        byte[] b = new byte[buf.readableBytes()];
        buf.getBytes(buf.readerIndex(), b);
        return b;
    }

    private static byte[] bytes(ByteBuf buf) {
        byte[] b = new byte[buf.readableBytes()];
        buf.readBytes(b);
        return b;
    }

    // ------------------------------------------------------------------ argument errors

    @Test
    void arrayLengthsMustBeWholeBlocks() {
        G726Encoder enc = new G726Encoder();
        G726Decoder dec = new G726Decoder();
        assertThrows(IllegalArgumentException.class, () -> enc.encode(new byte[959]));
        assertThrows(IllegalArgumentException.class, () -> enc.encode(new byte[961]));
        assertThrows(IllegalArgumentException.class, () -> dec.decode(new byte[119]));
        assertThrows(IllegalArgumentException.class, () -> dec.decode(new byte[121]));
        assertEquals(0, enc.encode(new byte[0]).length);
        assertEquals(0, dec.decode(new byte[0]).length);
        assertThrows(NullPointerException.class, () -> enc.encode(null));
        assertThrows(NullPointerException.class, () -> dec.decode(null));
    }

    @Test
    void sampleValuesAreChecked() {
        G726Encoder enc = new G726Encoder();
        G726Decoder dec = new G726Decoder();
        assertThrows(IllegalArgumentException.class, () -> enc.encodeSample(32768));
        assertThrows(IllegalArgumentException.class, () -> enc.encodeSample(-32769));
        assertThrows(IllegalArgumentException.class, () -> dec.decodeSample(4));
        assertThrows(IllegalArgumentException.class, () -> dec.decodeSample(-1));
        assertEquals(1, enc.encodeSample(32767));
        assertEquals(2, new G726Encoder().encodeSample(-32768));
    }

    @Test
    void shortOrFullBuffersAreRejectedWithoutSideEffects() {
        G726Encoder enc = new G726Encoder();
        G726Decoder dec = new G726Decoder();
        ByteBuf pcm = Unpooled.buffer(959).writeZero(959);
        ByteBuf g726 = Unpooled.buffer(119).writeZero(119);
        ByteBuf out = Unpooled.buffer(8);
        ByteBuf fullPcm = Unpooled.buffer(960).writeZero(960);
        ByteBuf fullG726 = Unpooled.buffer(120).writeZero(120);
        ByteBuf bounded = Unpooled.buffer(8, 100);
        try {
            assertThrows(IllegalArgumentException.class, () -> enc.encodeBlock(pcm, out));
            assertThrows(IllegalArgumentException.class, () -> dec.decodeBlock(g726, out));
            assertEquals(0, pcm.readerIndex());
            assertEquals(0, g726.readerIndex());
            assertEquals(0, out.writerIndex());

            assertThrows(IndexOutOfBoundsException.class, () -> enc.encodeBlock(fullPcm, bounded));
            assertThrows(IndexOutOfBoundsException.class, () -> dec.decodeBlock(fullG726, bounded));
            assertEquals(0, fullPcm.readerIndex());
            assertEquals(0, fullG726.readerIndex());
            assertEquals(0, bounded.writerIndex());

            assertThrows(NullPointerException.class, () -> enc.encodeBlock(null, out));
            assertThrows(NullPointerException.class, () -> enc.encodeBlock(fullPcm, null));
            assertThrows(NullPointerException.class, () -> dec.decodeBlock(null, out));
            assertThrows(NullPointerException.class, () -> dec.decodeBlock(fullG726, null));
        } finally {
            pcm.release();
            g726.release();
            out.release();
            fullPcm.release();
            fullG726.release();
            bounded.release();
        }
    }
}
