package dev.fosc.testkit;

import dev.fosc.codec.FoscCommand;
import dev.fosc.codec.FoscLoginCheck;
import org.junit.jupiter.api.Test;

import static dev.fosc.testkit.TestClient.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client that does not read: video frames are skipped, audio frames and events dropped (counted), and the
 * camera stops reading it: nothing is queued without bound.
 */
class FakeCameraBackPressureTest {

    @Test
    void videoIsSkippedWhileTheClientDoesNotRead() throws Exception {
        // 100 fps of 50 KB frames = 5 MB/s, into a client that reads nothing
        try (FakeCamera camera = FakeCamera.builder().fps(100).videoBitRate(40_000_000).start();
             TestClient c = TestClient.connect(camera)) {
            c.socket.setReceiveBufferSize(64 * 1024);
            c.login(camera, 1);
            c.readUntil(FoscCommand.LOGIN_REPLY);
            c.videoOn(camera, 0, 1);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (camera.videoFramesSkipped() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(camera.videoFramesSkipped() > 0, "skipped " + camera.videoFramesSkipped());
            long sent = camera.videoFramesSent();
            assertTrue(sent < 200, "sent only what the buffers hold: " + sent);
            // the connection still works once the client reads again
            c.send(new FoscLoginCheck(1));
            assertEquals(29, c.readUntil(FoscCommand.LOGIN_CHECK_REPLY).command());
        }
    }

    private static void awaitTrue(String what, java.util.function.BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " not within " + TIMEOUT);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void audioAndEventsAreDroppedAndReadingPausesWhileTheClientDoesNotRead() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().fps(100).videoBitRate(40_000_000).start();
             TestClient c = TestClient.connect(camera)) {
            c.socket.setReceiveBufferSize(64 * 1024);
            c.login(camera, 1);
            c.readUntil(FoscCommand.LOGIN_REPLY);
            assertTrue(camera.server().isReading(0));
            c.audioOn(camera, 0);
            c.videoOn(camera, 0, 1);
            awaitTrue("video skipped", () -> camera.videoFramesSkipped() > 0);
            assertFalse(camera.server().isReading(0), "not writable: the camera stops reading the client");
            awaitTrue("audio dropped", () -> camera.audioFramesDropped() > 0);
            long audioSent = camera.audioFramesSent();
            camera.triggerMotion();
            assertEquals(1, camera.eventsDropped());
            assertTrue(camera.audioFramesSent() - audioSent <= 1, "no audio queued while not writable");
            // reading again: the camera becomes writable, reads again and answers what was sent meanwhile
            c.send(new FoscLoginCheck(1));
            assertEquals(29, c.readUntil(FoscCommand.LOGIN_CHECK_REPLY).command());
            assertTrue(camera.server().isReading(0));
        }
    }
}
