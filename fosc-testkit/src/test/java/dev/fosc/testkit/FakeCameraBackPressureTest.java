package dev.fosc.testkit;

import dev.fosc.codec.FoscCommand;
import dev.fosc.codec.FoscLoginCheck;
import org.junit.jupiter.api.Test;

import java.time.Duration;

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

    /**
     * Issue 8: a client that reads slowly still sends LOGIN_CHECK; while the camera does not read it (its
     * outbound buffer is full), those bytes wait unread in the socket and must not count as the client's
     * silence. The camera used to close it after {@code idleTimeout}.
     */
    @Test
    void aSlowReaderThatKeepsSendingIsNotClosedAsIdleWhileTheCameraPausesReading() throws Exception {
        Duration idle = Duration.ofMillis(300);
        try (FakeCamera camera = FakeCamera.builder().fps(100).videoBitRate(40_000_000).idleTimeout(idle).start();
             TestClient c = TestClient.connect(camera)) {
            c.socket.setReceiveBufferSize(64 * 1024);
            c.login(camera, 1);
            c.readUntil(FoscCommand.LOGIN_REPLY);
            c.videoOn(camera, 0, 1);
            // a LOGIN_CHECK every third of the idle timeout, nothing read: first until the camera's outbound
            // buffer is full and it stops reading, then for five idle timeouts more
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            int sent = 0;
            while (camera.server().isReading(0)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the camera never paused reading; skipped "
                            + camera.videoFramesSkipped());
                }
                sendCheck(c, sent++, idle);
            }
            for (int i = 0; i < 15; i++) {
                sendCheck(c, sent++, idle);
            }
            assertEquals(1, camera.openConnectionCount(), "the client sent every 100 ms but was closed as idle");
            c.send(new FoscLoginCheck(1));
            assertEquals(29, c.readUntil(FoscCommand.LOGIN_CHECK_REPLY).command(), "answered once it reads");
        }
    }

    private static void sendCheck(TestClient c, int sentSoFar, Duration idle) throws InterruptedException {
        try {
            c.send(new FoscLoginCheck(1));
        } catch (java.io.IOException e) {
            throw new AssertionError("the camera closed the connection as idle although the client had sent "
                    + sentSoFar + " LOGIN_CHECKs, one every " + idle.toMillis() / 3 + " ms: " + e, e);
        }
        Thread.sleep(idle.toMillis() / 3);
    }

    /** Once the camera reads again, the idle clock restarts: a client that then sends nothing is closed. */
    @Test
    void afterThePauseASilentClientIsClosedAsIdle() throws Exception {
        Duration idle = Duration.ofMillis(300);
        try (FakeCamera camera = FakeCamera.builder().idleTimeout(idle).start();
             TestClient c = TestClient.connect(camera)) {
            c.login(camera, 1);
            c.readUntil(FoscCommand.LOGIN_REPLY);
            c.videoOn(camera, 0, 1);
            assertTrue(c.awaitClosed(TIMEOUT), "a client that sends nothing is closed");
        }
    }
}
