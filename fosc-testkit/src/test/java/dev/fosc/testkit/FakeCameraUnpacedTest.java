package dev.fosc.testkit;

import dev.fosc.codec.FoscCommand;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unpaced video (as fast as the connection takes it) and epoch-microsecond media timestamps. */
class FakeCameraUnpacedTest {

    @Test
    void unpacedVideoIgnoresTheFrameRateAndSkipsNothing() throws Exception {
        // at 1 fps paced, 300 frames would take five minutes
        try (FakeCamera camera = FakeCamera.builder().fps(1).videoBitRate(80_000).unpaced(true).start();
             TestClient c = TestClient.connect(camera)) {
            c.login(camera, 1);
            c.readUntil(FoscCommand.LOGIN_REPLY);
            c.videoOn(camera, 0, 1);
            c.readUntil(FoscCommand.VIDEO_ON_REPLY);
            int keys = 0;
            for (int i = 0; i < 300; i++) {
                TestClient.Frame f = c.readUntil(FoscCommand.VIDEO_DATA);
                if (i == 0) {
                    assertEquals(1, f.u32(16), "the stream starts with a key frame");
                }
                keys += f.u32(16);
                assertEquals(1, f.u32(28), "the header still says the configured fps");
                assertTrue(f.mediaData().length >= 80_000 / 8, "padded: " + f.mediaData().length);
            }
            assertEquals(12, keys, "every frame in clip order (a key frame every 25)");
            // a client that stops reading holds the camera back; nothing is skipped
            Thread.sleep(300);
            assertEquals(0, camera.videoFramesSkipped());
            long sent = camera.videoFramesSent();
            Thread.sleep(300);
            assertTrue(camera.videoFramesSent() - sent < 50,
                    "a camera whose client does not read stops sending: " + (camera.videoFramesSent() - sent));
        }
    }

    @Test
    void epochTimestampsAreTheTimeOfWritingInMicroseconds() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().fps(50).epochTimestamps(true).start();
             TestClient c = TestClient.connect(camera)) {
            c.login(camera, 1);
            c.readUntil(FoscCommand.LOGIN_REPLY);
            long before = EpochMicros.now();
            c.videoOn(camera, 0, 1);
            c.readUntil(FoscCommand.VIDEO_ON_REPLY);
            long previous = before;
            for (int i = 0; i < 10; i++) {
                TestClient.Frame f = c.readUntil(FoscCommand.VIDEO_DATA);
                long after = EpochMicros.now();
                long ts = f.u64(0);
                assertTrue(ts >= previous && ts <= after, "timestamp " + ts + " not within [" + previous + ", "
                        + after + "]");
                previous = ts;
            }
        }
    }

    @Test
    void epochMicrosFollowsTheWallClock() {
        long wall = System.currentTimeMillis() * 1000;
        long micros = EpochMicros.now();
        assertTrue(Math.abs(micros - wall) < Duration.ofMillis(50).toNanos() / 1000, micros + " vs " + wall);
    }
}
