package dev.fosc.benchmarks.codec;

import dev.fosc.codec.G726Decoder;
import dev.fosc.codec.G726Encoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * G.726-16k: one 60 ms block per operation (960 bytes of PCM ⇄ 120 bytes of G.726), on heap buffers reused
 * across operations. MB/s counts PCM bytes; operations/s × 0.06 s is how many real-time streams one core
 * codes. {@link #copyPcmBlock()} (copying the 960 PCM bytes) is the baseline in the same class.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class G726Benchmark {

    private final G726Encoder encoder = new G726Encoder();
    private final G726Decoder decoder = new G726Decoder();
    private ByteBuf pcm;
    private ByteBuf g726;
    private ByteBuf pcmOut;
    private ByteBuf g726Out;

    /** A speech-like test signal (two tones with a syllable envelope plus noise), and its G.726 form. */
    @Setup
    public void setUp() {
        pcm = Unpooled.buffer(G726Encoder.PCM_BLOCK_BYTES);
        Random noise = new Random(7);
        for (int i = 0; i < G726Encoder.PCM_BLOCK_BYTES / 2; i++) {
            double t = i / 8000.0;
            double envelope = 0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * t);
            double s = envelope * (6000 * Math.sin(2 * Math.PI * 220 * t) + 3000 * Math.sin(2 * Math.PI * 1250 * t))
                    + 300 * noise.nextGaussian();
            pcm.writeShortLE((short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, s)));
        }
        g726 = Unpooled.buffer(G726Encoder.G726_BLOCK_BYTES);
        encoder.encodeBlock(pcm, g726);
        pcmOut = Unpooled.buffer(G726Encoder.PCM_BLOCK_BYTES, G726Encoder.PCM_BLOCK_BYTES);
        g726Out = Unpooled.buffer(G726Encoder.G726_BLOCK_BYTES, G726Encoder.G726_BLOCK_BYTES);
    }

    /** Releases the buffers. */
    @TearDown
    public void tearDown() {
        pcm.release();
        g726.release();
        pcmOut.release();
        g726Out.release();
    }

    /** Encodes one block. */
    @Benchmark
    public ByteBuf encodeBlock() {
        pcm.readerIndex(0);
        g726Out.clear();
        encoder.encodeBlock(pcm, g726Out);
        return g726Out;
    }

    /** Decodes one block. */
    @Benchmark
    public ByteBuf decodeBlock() {
        g726.readerIndex(0);
        pcmOut.clear();
        decoder.decodeBlock(g726, pcmOut);
        return pcmOut;
    }

    /** Baseline: copies the 960 PCM bytes of one block. */
    @Benchmark
    public ByteBuf copyPcmBlock() {
        return pcmOut.setBytes(0, pcm, 0, G726Encoder.PCM_BLOCK_BYTES);
    }
}
