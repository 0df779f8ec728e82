package dev.fosc.testkit;

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

    private final ByteBuf[] frames;
    private final boolean[] key;
    private final int bitRate;
    private final int firstKey;

    private VideoFrames(FakeVideoClip clip, int fps, int targetBitRate) {
        List<H264AccessUnits.Unit> units = clip.units();
        int target = targetBitRate > 0 ? targetBitRate / 8 / fps : 0;
        int[] sizes = new int[units.size()];
        long total = 0;
        for (int i = 0; i < sizes.length; i++) {
            int size = units.get(i).data().length;
            if (size + FILLER_NAL_OVERHEAD <= target) {
                size = target;
            }
            sizes[i] = size;
            total += size;
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

    /** The frames of {@code clip} at {@code fps}, padded to {@code targetBitRate} bit/s (0: no padding). */
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
