package dev.fosc.benchmarks.codec;

import dev.fosc.codec.FoscCodec;
import dev.fosc.codec.FoscFrames;
import dev.fosc.codec.FoscMediaHeader;
import dev.fosc.codec.FoscVideoData;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Throughput of the encoder: one VIDEO_DATA message of {@code payload} video bytes per operation, written
 * through {@code FoscCodec} in a pipeline whose head just counts and releases what reaches it (the socket's
 * place). The zero-copy encoder emits a 48-byte header buffer and a retained slice of the data.
 * {@link #encodeFrames()} is the same encoding called directly (no pipeline), and {@link #encodeCopying()} the
 * baseline in the same class: the frame built by copying header and data into one new buffer, as a copying
 * encoder would.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class FoscEncoderBenchmark {

    /** Video data bytes per frame. */
    @Param({"0", "64", "1460", "65536", "524288"})
    public int payload;

    private ByteBufAllocator alloc;
    private FoscVideoData message;
    private EmbeddedChannel channel;
    private ChannelPromise voidPromise;
    private WireSink wire;
    private final List<Object> parts = new ArrayList<>(2);

    /** Builds the message and the pipeline once per trial, and checks that a frame is written. */
    @Setup
    public void setUp() {
        alloc = BenchFrames.allocator("adaptive");
        ByteBuf data = alloc.directBuffer(payload, payload).writeBytes(BenchFrames.videoData(payload));
        message = new FoscVideoData(FoscMediaHeader.video(123_456, true, 1920, 1080, 25, 4_000_000), data);
        wire = new WireSink();
        channel = new EmbeddedChannel();
        channel.config().setAllocator(alloc);
        channel.pipeline().addLast(wire, new FoscCodec());
        voidPromise = channel.voidPromise();
        long before = wire.bytes;
        encode();
        if (wire.bytes - before != BenchFrames.OVERHEAD + payload) {
            throw new IllegalStateException("the encoder wrote " + (wire.bytes - before) + " bytes");
        }
    }

    /** Releases the pipeline and the message. */
    @TearDown
    public void tearDown() {
        channel.finishAndReleaseAll();
        message.release();
    }

    /** Writes one message through the codec (the write takes one reference; retained first to reuse it). */
    @Benchmark
    public long encode() {
        channel.pipeline().write(message.retain(), voidPromise);
        return wire.bytes;
    }

    /**
     * The same zero-copy encoding without the pipeline: {@code FoscFrames.encode} into a reused list, then each
     * part released. Compared with {@link #encodeCopying()}, this isolates the cost of emitting two buffers.
     */
    @Benchmark
    public long encodeFrames() {
        parts.clear();
        FoscFrames.encode(message, alloc, parts);
        long n = 0;
        for (int i = 0; i < parts.size(); i++) {
            ByteBuf part = (ByteBuf) parts.get(i);
            n += part.readableBytes();
            part.release();
        }
        return n;
    }

    /** Baseline: header and data copied into one new buffer of the frame's size. */
    @Benchmark
    public long encodeCopying() {
        ByteBuf data = message.data();
        ByteBuf frame = alloc.directBuffer(BenchFrames.OVERHEAD + payload);
        FoscFrames.writeHeader(frame, message.command(), FoscMediaHeader.LENGTH + data.readableBytes());
        FoscMediaHeader h = message.header();
        frame.writeLongLE(h.timestamp()).writeIntLE(h.videoLength()).writeIntLE(h.audioLength())
                .writeIntLE(h.keyFrame() ? 1 : 0).writeIntLE(h.width()).writeIntLE(h.height())
                .writeIntLE(h.frameRate()).writeIntLE(h.bitRate());
        frame.writeBytes(data, data.readerIndex(), data.readableBytes());
        long n = frame.readableBytes();
        frame.release();
        return n;
    }

    /** The head of the pipeline: counts written bytes and releases every buffer. */
    private static final class WireSink extends ChannelOutboundHandlerAdapter {
        long bytes;

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof ByteBuf) {
                bytes += ((ByteBuf) msg).readableBytes();
            }
            ReferenceCountUtil.release(msg);
        }
    }
}
