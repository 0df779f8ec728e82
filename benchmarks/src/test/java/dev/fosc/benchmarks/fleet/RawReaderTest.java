package dev.fosc.benchmarks.fleet;

import dev.fosc.testkit.EpochMicros;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The raw baseline walks frame headers correctly however the bytes are split, and counts only VIDEO_DATA. */
class RawReaderTest {

    private static final int VIDEO_PAYLOAD = 36 + 100;

    private static byte[] stream(long timestamp) {
        ByteBuffer b = ByteBuffer.allocate(3 * 12 + 10 + 2 * VIDEO_PAYLOAD).order(ByteOrder.LITTLE_ENDIAN);
        frame(b, RawHello.LOGIN_REPLY, 10);
        b.position(b.position() + 10);
        for (int i = 0; i < 2; i++) {
            frame(b, RawHello.VIDEO_DATA, VIDEO_PAYLOAD);
            b.putLong(timestamp);
            b.position(b.position() + VIDEO_PAYLOAD - 8);
        }
        return b.array();
    }

    private static void frame(ByteBuffer b, int command, int length) {
        b.putInt(command).order(ByteOrder.BIG_ENDIAN).putInt(RawHello.MAGIC_BIG_ENDIAN).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(length);
    }

    private static LoopStats feed(byte[] bytes, int[] splits) {
        EmbeddedChannel ch = new EmbeddedChannel();
        LoadStats load = new LoadStats(ch.eventLoop());
        ch.pipeline().addLast(new RawReader(load, RawHello.hello("h", 88, "admin", "", 1, true), RawHello.loginCheck(1),
                true, true));
        ch.pipeline().fireChannelActive(); // the channel was active before the handler came
        int at = 0;
        for (int n : splits) {
            ch.writeInbound(Unpooled.wrappedBuffer(bytes, at, n));
            at += n;
        }
        ch.writeInbound(Unpooled.wrappedBuffer(bytes, at, bytes.length - at));
        assertEquals(1, load.readyCount());
        assertEquals(0, load.failedCount(), String.valueOf(load.firstFailure()));
        LoopStats stats = load.of(ch.eventLoop());
        assertTrue(ch.finishAndReleaseAll(), "the hello was written");
        assertFalse(ch.finish());
        return stats;
    }

    @Test
    void wholeOneByteAtATimeAndRandomSplits() {
        long ts = EpochMicros.now() - 5_000;
        byte[] bytes = stream(ts);
        int[] oneByOne = new int[bytes.length - 1];
        java.util.Arrays.fill(oneByOne, 1);
        Random random = new Random(7);
        int[] randomSplits = new int[20];
        int left = bytes.length;
        for (int i = 0; i < randomSplits.length; i++) {
            randomSplits[i] = random.nextInt(Math.max(1, left / 4));
            left -= randomSplits[i];
        }
        for (int[] splits : new int[][] {{}, oneByOne, randomSplits}) {
            LoopStats s = feed(bytes, splits);
            assertEquals(2, s.frames, "only VIDEO_DATA counts");
            assertEquals(2L * (12 + VIDEO_PAYLOAD), s.bytes);
            assertEquals(2, s.delays.count());
            assertTrue(s.delays.quantile(0.5) >= 4_800, "delay from the media timestamp: " + s.delays.quantile(0.5));
        }
    }
}
