package dev.fosc.benchmarks.codec;

import dev.fosc.codec.FoscCodec;
import dev.fosc.codec.FoscFrameDecoder;
import dev.fosc.codec.FoscMediaMessage;
import dev.fosc.codec.FoscMessage;
import dev.fosc.codec.FoscStreamDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;

/**
 * A hand-driven inbound pipeline: {@link FoscStreamDecoder} (or {@link FoscFrameDecoder} → {@link FoscCodec}) → a sink that counts each message
 * and releases it at once (as an application callback would), on an {@link EmbeddedChannel} whose event loop is
 * the calling thread. Input buffers are fired straight into the pipeline (no queues), followed by one
 * {@code channelReadComplete} per call, like one socket read batch.
 *
 * <p>Input buffers are reused: {@link #feed(ByteBuf[])} retains each one and rewinds it before firing it, and
 * the decoder releases it when done, so their reference counts return to where they were. Not thread-safe.
 */
final class DecodeHarness {

    private final EmbeddedChannel channel;
    private final ChannelPipeline pipeline;
    private final Sink sink;

    /**
     * @param alloc the channel's allocator
     * @param decoder {@code "stream"}: {@link FoscStreamDecoder} (bytes to messages, the client's pipeline);
     *                {@code "frame+codec"}: {@link FoscFrameDecoder} then {@link FoscCodec} (the camera side's)
     * @param copyData whether the sink copies each frame's data into a new array (the copying baseline)
     */
    DecodeHarness(ByteBufAllocator alloc, String decoder, boolean copyData) {
        sink = new Sink(copyData);
        channel = new EmbeddedChannel();
        channel.config().setAllocator(alloc);
        if (decoder.equals("stream")) {
            channel.pipeline().addLast(new FoscStreamDecoder(), sink);
        } else if (decoder.equals("frame+codec")) {
            channel.pipeline().addLast(new FoscFrameDecoder(), new FoscCodec(), sink);
        } else {
            throw new IllegalArgumentException("decoder: stream or frame+codec, not " + decoder);
        }
        pipeline = channel.pipeline();
    }

    /** Fires every buffer (rewound, retained) into the pipeline, then a read-complete. Returns frames seen. */
    long feed(ByteBuf[] inputs) {
        for (ByteBuf in : inputs) {
            in.retain();
            in.readerIndex(0);
            pipeline.fireChannelRead(in);
        }
        pipeline.fireChannelReadComplete();
        return sink.frames;
    }

    /** Media bytes the sink saw, so that the work cannot be optimised away. */
    long dataBytes() {
        return sink.dataBytes;
    }

    /** Closes the channel, releasing anything it still buffers. */
    void close() {
        channel.finishAndReleaseAll();
    }

    /** Fails unless exactly one message per {@code feed} of one whole frame came out: a check of the set-up. */
    static void checkOneFramePerFeed(DecodeHarness harness, ByteBuf[] frame, int dataBytes) {
        long frames = harness.sink.frames;
        long data = harness.sink.dataBytes;
        harness.feed(frame);
        if (harness.sink.frames != frames + 1 || harness.sink.dataBytes != data + dataBytes
                || harness.sink.invalid != 0) {
            throw new IllegalStateException("the pipeline did not decode the frame: frames " + frames + " → "
                    + harness.sink.frames + ", invalid " + harness.sink.invalid);
        }
    }

    private static final class Sink extends ChannelInboundHandlerAdapter {
        private final boolean copyData;
        long frames;
        long dataBytes;
        long invalid;
        byte[] lastCopy;

        Sink(boolean copyData) {
            this.copyData = copyData;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                frames++;
                if (msg instanceof FoscMediaMessage) {
                    ByteBuf data = ((FoscMediaMessage) msg).data();
                    dataBytes += data.readableBytes();
                    if (copyData) {
                        lastCopy = ByteBufUtil.getBytes(data);
                    }
                } else if (msg instanceof FoscMessage) {
                    invalid++;
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }
    }
}
