package dev.fosc.client.record;

import dev.fosc.codec.FoscMediaHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The file writers (moved from fosc-cli, which uses them for {@code fosc record}). */
class FoscFileWritersTest {

    @TempDir
    Path tmp;

    @Test
    void wavHeaderCarriesTheSizesAfterClose() throws Exception {
        Path file = tmp.resolve("a.wav");
        try (FoscWavFileWriter w = new FoscWavFileWriter(file)) {
            w.write(new byte[960]);
            w.write(new byte[960]);
            assertEquals(120, w.durationMillis());
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(44 + 1920, b.capacity());
        assertEquals(36 + 1920, b.getInt(4));
        assertEquals(1, b.getShort(20), "PCM");
        assertEquals(1, b.getShort(22), "mono");
        assertEquals(8000, b.getInt(24));
        assertEquals(16, b.getShort(34));
        assertEquals(1920, b.getInt(40));
    }

    @Test
    void h264StartsAtAKeyFrameAndResyncsAfterAGap() throws Exception {
        Path file = tmp.resolve("v.h264");
        FoscMediaHeader key = FoscMediaHeader.video(0, true, 640, 360, 25, 1000);
        FoscMediaHeader delta = FoscMediaHeader.video(40, false, 640, 360, 25, 1000);
        try (FoscH264FileWriter w = new FoscH264FileWriter(file)) {
            assertFalse(w.write(delta, new byte[] {9}));
            assertTrue(w.write(key, new byte[] {1}));
            assertTrue(w.write(delta, new byte[] {2}));
            w.resync();
            assertFalse(w.write(delta, new byte[] {9}));
            assertTrue(w.write(key, new byte[] {3}));
            assertEquals(3, w.frames());
            assertEquals(2, w.keyFrames());
            assertEquals(2, w.skipped());
            assertEquals(key, w.first());
        }
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(file));
    }
}
