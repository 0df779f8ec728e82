package dev.fosc.testkit;

import dev.fosc.codec.FoscFrameDecoder;
import dev.fosc.codec.FoscMediaHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * A clip's access units as read-only direct buffers ready to send, optionally padded with H.264 filler data
 * (NAL type 12) so that every frame reaches {@code targetBitRate / 8 / fps} bytes. Built once per
 * (clip, fps, target) and shared by every camera and connection: frames are written as slices of one
 * unreleasable buffer, so sending never copies and never needs a release.
 *
 * <p>Immutable and thread-safe.
 */
final class VideoFrames {

    private static final Map<FakeVideoClip, Map<Long, VideoFrames>> CACHE = new WeakHashMap<>();
    private static final int FILLER_NAL_OVERHEAD = 6; // 00 00 00 01 0C ... 80
    /** The largest payload a client accepts by default: no frame (with its media header) may exceed it. */
    static final int MAX_PAYLOAD = FoscFrameDecoder.DEFAULT_MAX_PAYLOAD_LENGTH;
    /** The most direct memory one (clip, fps, bit rate) may take: 1 GiB. */
    static final long MAX_TOTAL = 1L << 30;

    private final ByteBuf[] frames;
    private final boolean[] key;
    private final int bitRate;
    private final int firstKey;

    private VideoFrames(FakeVideoClip clip, int fps, int targetBitRate) {
        List<H264AccessUnits.Unit> units = clip.units();
        long target = targetBitRate > 0 ? targetBitRate / 8L / fps : 0;
        if (target + FoscMediaHeader.LENGTH > MAX_PAYLOAD) {
            throw new IllegalArgumentException("a video bit rate of " + targetBitRate + " bit/s at " + fps
                    + " fps makes " + target + "-byte frames; clients accept payloads of at most " + MAX_PAYLOAD
                    + " bytes by default, so at " + fps + " fps the bit rate can be at most "
                    + maxBitRate(fps) + " bit/s");
        }
        int[] sizes = new int[units.size()];
        long total = 0;
        for (int i = 0; i < sizes.length; i++) {
            int size = units.get(i).data().length;
            if (size + FoscMediaHeader.LENGTH > MAX_PAYLOAD) {
                throw new IllegalArgumentException("frame " + i + " of the clip is " + size + " bytes; clients accept"
                        + " payloads of at most " + MAX_PAYLOAD + " bytes by default");
            }
            if (size + FILLER_NAL_OVERHEAD <= target) {
                size = (int) target;
            }
            sizes[i] = size;
            total += size;
        }
        if (total > MAX_TOTAL) {
            throw new IllegalArgumentException("the clip padded to " + targetBitRate + " bit/s at " + fps + " fps would"
                    + " take " + total + " bytes (" + units.size() + " frames); at most " + MAX_TOTAL
                    + " are allowed: lower the bit rate or use a shorter clip");
        }
        ByteBuffer direct = ByteBuffer.allocateDirect((int) total);
        ByteBuf all = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct).clear());
        frames = new ByteBuf[units.size()];
        key = new boolean[units.size()];
        int offset = 0;
        for (int i = 0; i < sizes.length; i++) {
            byte[] data = units.get(i).data();
            all.writeBytes(data);
            int pad = sizes[i] - data.length;
            if (pad > 0) {
                all.writeInt(1).writeByte(12);
                for (int p = 0; p < pad - FILLER_NAL_OVERHEAD; p++) {
                    all.writeByte(0xff);
                }
                all.writeByte(0x80);
            }
            frames[i] = all.slice(offset, sizes[i]).asReadOnly();
            key[i] = units.get(i).idr();
            offset += sizes[i];
        }
        bitRate = (int) Math.min(Integer.MAX_VALUE, total * 8L * fps / units.size());
        firstKey = clip.firstKeyFrame();
    }

    /** The highest padding bit rate at {@code fps} whose frames a client accepts by default. */
    static long maxBitRate(int fps) {
        return (MAX_PAYLOAD - FoscMediaHeader.LENGTH) * 8L * fps;
    }

    /**
     * The frames of {@code clip} at {@code fps}, padded to {@code targetBitRate} bit/s (0: no padding).
     *
     * @throws IllegalArgumentException if a (padded) frame would exceed a client's default maximum payload
     *     ({@value #MAX_PAYLOAD} bytes with its media header) or the padded clip {@value #MAX_TOTAL} bytes
     */
    static VideoFrames of(FakeVideoClip clip, int fps, int targetBitRate) {
        long key = ((long) fps << 32) | (targetBitRate & 0xffffffffL);
        synchronized (CACHE) {
            return CACHE.computeIfAbsent(clip, c -> new HashMap<>())
                    .computeIfAbsent(key, k -> new VideoFrames(clip, fps, targetBitRate));
        }
    }

    int count() {
        return frames.length;
    }

    /** Frame {@code index} as a new slice (no copy; releasing it does nothing). */
    ByteBuf frame(int index) {
        return frames[index].duplicate();
    }

    /** Where a stream starts: the first key frame. */
    int firstKey() {
        return firstKey;
    }

    boolean isKey(int index) {
        return key[index];
    }

    /** The average bit rate of the (padded) frames, in bit/s. */
    int bitRate() {
        return bitRate;
    }
}
