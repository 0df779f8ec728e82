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
 * Baseline for {@link FoscFrameDecoderBenchmark}: the same pipeline and whole-frame input (adaptive allocator),
 * but each frame's video data is then copied into a new {@code byte[]}, as a decoder that copies payloads
 * would do. Its allocation grows with the payload; the zero-copy decoder's should not.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class CopyingDecodeBenchmark {

    /** Video data bytes per frame. */
    @Param({"0", "64", "1460", "65536", "524288"})
    public int payload;

    private ByteBuf[] input;
    private DecodeHarness harness;

    /** Builds the frame and the pipeline once per trial, and checks that a frame decodes. */
    @Setup
    public void setUp() {
        ByteBufAllocator alloc = BenchFrames.allocator("adaptive");
        byte[] frame = BenchFrames.videoFrame(payload);
        input = BenchFrames.split(alloc, frame, frame.length);
        harness = new DecodeHarness(alloc, "stream", true);
        DecodeHarness.checkOneFramePerFeed(harness, input, payload);
    }

    /** Releases the pipeline and the input. */
    @TearDown
    public void tearDown() {
        harness.close();
        BenchFrames.release(input);
    }

    /** Decodes one frame and copies its data out. */
    @Benchmark
    public long decodeAndCopy() {
        return harness.feed(input);
    }
}
