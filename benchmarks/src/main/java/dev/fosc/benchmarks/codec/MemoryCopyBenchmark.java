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
 * The baseline the codec figures are expressed against: one plain memory copy of a whole VIDEO_DATA frame's
 * bytes ({@code 48 + payload}) from one direct buffer into another, both allocated once per trial. A decoder
 * that touches every byte once cannot beat this; a zero-copy one can, because it does not touch the payload.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class MemoryCopyBenchmark {

    /** Video data bytes per frame. */
    @Param({"0", "64", "1460", "65536", "524288"})
    public int payload;

    private ByteBuf source;
    private ByteBuf target;
    private int length;

    /** Allocates and fills both buffers. */
    @Setup
    public void setUp() {
        ByteBufAllocator alloc = BenchFrames.allocator("adaptive");
        byte[] frame = BenchFrames.videoFrame(payload);
        length = frame.length;
        source = alloc.directBuffer(length, length).writeBytes(frame);
        target = alloc.directBuffer(length, length);
    }

    /** Releases both buffers. */
    @TearDown
    public void tearDown() {
        source.release();
        target.release();
    }

    /** Copies the frame's bytes once. */
    @Benchmark
    public ByteBuf copyFrame() {
        return target.setBytes(0, source, 0, length);
    }
}
