package dev.fosc.benchmarks.codec;

import dev.fosc.codec.FoscFrames;
import dev.fosc.codec.FoscMediaHeader;
import dev.fosc.codec.FoscVideoData;
import io.netty.buffer.AdaptiveByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Inputs shared by the codec benchmarks: VIDEO_DATA frames made by the codec's own encoder, and the same bytes
 * as the network would deliver them. Not thread-safe; call from a trial set-up.
 */
final class BenchFrames {

    /** The segment size of the "segmented" arrival: one TCP segment of a 1500-byte MTU. */
    static final int SEGMENT = 1460;
    /** Frame header plus media header: a VIDEO_DATA frame is this much longer than its video data. */
    static final int OVERHEAD = FoscFrames.HEADER_LENGTH + FoscMediaHeader.LENGTH;

    private BenchFrames() {
    }

    private static final ByteBufAllocator ADAPTIVE = new AdaptiveByteBufAllocator();

    /** The allocator named by a benchmark parameter: "adaptive" (Netty 4.2's default type) or "pooled". */
    static ByteBufAllocator allocator(String name) {
        switch (name) {
            case "adaptive": return ADAPTIVE;
            case "pooled": return PooledByteBufAllocator.DEFAULT;
            default: throw new IllegalArgumentException("allocator: " + name);
        }
    }

    /** Random-looking video data of {@code length} bytes behind an Annex-B start code. */
    static byte[] videoData(int length) {
        byte[] data = new byte[length];
        new Random(length).nextBytes(data);
        for (int i = 0; i < Math.min(4, length); i++) {
            data[i] = (byte) (i == 3 ? 1 : 0);
        }
        return data;
    }

    /** One whole VIDEO_DATA frame ({@value #OVERHEAD} + {@code videoBytes} bytes) from the codec's encoder. */
    static byte[] videoFrame(int videoBytes) {
        FoscVideoData msg = new FoscVideoData(FoscMediaHeader.video(123_456, true, 1920, 1080, 25, 4_000_000),
                Unpooled.wrappedBuffer(videoData(videoBytes)));
        try {
            ByteBuf frame = FoscFrames.encode(msg, UnpooledByteBufAllocator.DEFAULT);
            try {
                return ByteBufUtil.getBytes(frame);
            } finally {
                frame.release();
            }
        } finally {
            msg.release();
        }
    }

    /**
     * {@code bytes} as direct buffers of at most {@code segment} bytes each, each with a capacity of exactly its
     * length (so a cumulator can never append into one of them). The caller owns them: one reference each.
     */
    static ByteBuf[] split(ByteBufAllocator alloc, byte[] bytes, int segment) {
        List<ByteBuf> parts = new ArrayList<>();
        for (int i = 0; i < bytes.length; i += segment) {
            int n = Math.min(segment, bytes.length - i);
            ByteBuf part = alloc.directBuffer(n, n);
            part.writeBytes(bytes, i, n);
            parts.add(part);
        }
        return parts.toArray(new ByteBuf[0]);
    }

    /** Releases one reference of each buffer. */
    static void release(ByteBuf... buffers) {
        for (ByteBuf b : buffers) {
            b.release();
        }
    }
}
