package dev.fosc.benchmarks.codec;

import dev.fosc.codec.FoscFrameDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.ByteToMessageDecoder;
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
 * Throughput of {@code FoscFrameDecoder} + {@code FoscCodec}: one VIDEO_DATA frame of {@code 48 + payload}
 * bytes per operation (payload = the H.264 bytes behind the 36-byte media header), turned into a
 * {@code FoscVideoData} and released.
 *
 * <ul>
 *   <li>{@code arrival=whole}: the frame arrives in one buffer;</li>
 *   <li>{@code arrival=segmented}: in 1460-byte buffers, with Netty's default (merging) cumulator, which the
 *       decoder pre-sizes to the whole frame once the header is known;</li>
 *   <li>{@code arrival=segmented-composite}: the same with {@code ByteToMessageDecoder.COMPOSITE_CUMULATOR};</li>
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
    @Param({"whole", "segmented", "segmented-composite"})
    public String arrival;

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
        harness = new DecodeHarness(alloc,
                new FoscFrameDecoder(),
                arrival.equals("segmented-composite")
                        ? ByteToMessageDecoder.COMPOSITE_CUMULATOR : ByteToMessageDecoder.MERGE_CUMULATOR, false);
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
