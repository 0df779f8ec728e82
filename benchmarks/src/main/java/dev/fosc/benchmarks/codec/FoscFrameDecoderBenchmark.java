package dev.fosc.benchmarks.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/**
 * Throughput of the receive decoders: one VIDEO_DATA frame of {@code 48 + payload} bytes per operation
 * (payload = the H.264 bytes behind the 36-byte media header), turned into a {@code FoscVideoData} and released.
 *
 * <ul>
 *   <li>{@code decoder=stream}: {@code FoscStreamDecoder}, the client's pipeline; {@code decoder=frame+codec}:
 *       {@code FoscFrameDecoder} then {@code FoscCodec}, the camera side's;</li>
 *   <li>{@code arrival=whole}: the frame arrives in one buffer; {@code arrival=segmented}: in 1460-byte buffers
 *       (the decoder keeps them as slices and hands the frame on as a composite of them, nothing copied).</li>
 * </ul>
 * MB/s = operations/s × frame bytes. Compare with {@link MemoryCopyBenchmark} (a plain copy of the same bytes)
 * and {@link CopyingDecodeBenchmark} (the same decode, then a copy of the data).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class FoscFrameDecoderBenchmark {

    /** Video data bytes per frame. */
    @Param({"0", "64", "1460", "65536", "524288"})
    public int payload;

    /** How the frame's bytes arrive. */
    @Param({"whole", "segmented"})
    public String arrival;

    /** Which decoder: the client's one-step decoder, or frames then the codec. */
    @Param({"stream", "frame+codec"})
    public String decoder;

    /** The channel's (and the input's) buffer allocator. */
    @Param({"adaptive", "pooled"})
    public String allocator;

    private ByteBuf[] input;
    private DecodeHarness harness;

    /** Builds the frame, its buffers and the pipeline once per trial, and checks that a frame decodes. */
    @Setup
    public void setUp() {
        ByteBufAllocator alloc = BenchFrames.allocator(allocator);
        byte[] frame = BenchFrames.videoFrame(payload);
        input = BenchFrames.split(alloc, frame, arrival.equals("whole") ? frame.length : BenchFrames.SEGMENT);
        harness = new DecodeHarness(alloc, decoder, false);
        DecodeHarness.checkOneFramePerFeed(harness, input, payload);
    }

    /** Releases the pipeline and the input. */
    @TearDown
    public void tearDown() {
        harness.close();
        BenchFrames.release(input);
    }

    /** Decodes one frame. */
    @Benchmark
    public long decode() {
        return harness.feed(input);
    }
}
