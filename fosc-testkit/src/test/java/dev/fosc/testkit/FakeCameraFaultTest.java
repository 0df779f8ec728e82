package dev.fosc.testkit;

import dev.fosc.codec.FoscCommand;
import dev.fosc.codec.FoscFrames;
import dev.fosc.codec.FoscLoginCheck;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;

import static dev.fosc.testkit.TestClient.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every {@link FakeFault}, observed through a plain socket. */
class FakeCameraFaultTest {

    private static TestClient loggedIn(FakeCamera camera, int uid) throws IOException {
        TestClient c = TestClient.connect(camera);
        c.login(camera, uid);
        c.readUntil(FoscCommand.LOGIN_REPLY);
        return c;
    }

    @Test
    void resetSendsAnRst() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().start(); TestClient c = loggedIn(camera, 1)) {
            camera.inject(FakeFault.reset());
            assertEquals("reset", c.closeKind(TIMEOUT));
        }
    }

    @Test
    void closeAfterFramesClosesAfterExactlyThatManyFrames() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().start(); TestClient c = loggedIn(camera, 1)) {
            camera.inject(FakeFault.closeAfterFrames(5));
            c.videoOn(camera, 0, 1);
            assertEquals(16, c.read().command());
            for (int i = 0; i < 4; i++) {
                assertEquals(26, c.read().command());
            }
            assertEquals("fin", c.closeKind(TIMEOUT));
        }
    }

    @Test
    void stallKeepsTheSocketOpenAndSilent() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().idleTimeout(Duration.ofMillis(200)).start();
             TestClient c = loggedIn(camera, 1)) {
            c.videoOn(camera, 0, 1);
            assertEquals(16, c.read().command());
            camera.inject(FakeFault.stall());
            drainFor(c, Duration.ofMillis(100)); // frames already in flight
            c.send(new FoscLoginCheck(1));
            c.socket.setSoTimeout(600);
            assertThrows(SocketTimeoutException.class, c::read, "no reply, no video, no idle close");
            assertEquals(1, camera.openConnectionCount());
        }
    }

    @Test
    void rebootRefusesConnectionsForAWhileThenServesAgainOnTheSamePort() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().lockOutAfter(1).start(); TestClient c = loggedIn(camera, 1)) {
            int port = camera.port();
            try (TestClient bad = TestClient.connect(camera)) {
                bad.login("admin", "nope", 2);
                bad.readUntil(FoscCommand.LOGIN_REPLY);
            }
            assertTrue(camera.isLockedOut());
            camera.inject(FakeFault.refuseConnections(Duration.ofMillis(500)));
            assertTrue(c.awaitClosed(TIMEOUT));
            assertThrows(ConnectException.class, () -> TestClient.connect(camera).close());
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            TestClient again = null;
            while (again == null && System.nanoTime() < deadline) {
                try {
                    again = TestClient.connect(camera);
                } catch (ConnectException e) {
                    Thread.sleep(50);
                }
            }
            assertEquals(port, camera.port());
            try (TestClient c2 = again) {
                assertTrue(c2 != null, "listening again");
                c2.login(camera, 3);
                assertEquals(0, c2.readUntil(FoscCommand.LOGIN_REPLY).u32(0), "the reboot lifted the lock-out");
            }
        }
    }

    @Test
    void badMagicHeaderIsWrittenAndTheConnectionStays() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().start(); TestClient c = loggedIn(camera, 1)) {
            camera.inject(FakeFault.badMagic());
            byte[] header = c.readBytes(16);
            ByteBuffer b = ByteBuffer.wrap(header);
            assertEquals(26, b.order(ByteOrder.LITTLE_ENDIAN).getInt(0));
            assertTrue(b.order(ByteOrder.BIG_ENDIAN).getInt(4) != FoscFrames.MAGIC);
            c.send(new FoscLoginCheck(1));
            assertEquals(29, c.read().command());
        }
    }

    @Test
    void oversizedLengthHeaderIsWritten() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().start(); TestClient c = loggedIn(camera, 1)) {
            camera.inject(FakeFault.oversizedLength());
            ByteBuffer b = ByteBuffer.wrap(c.readBytes(12)).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(26, b.getInt(0));
            assertEquals(FakeFault.OVERSIZED_LENGTH, Integer.toUnsignedLong(b.getInt(8)));
        }
    }

    @Test
    void garbageThenClose() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().start(); TestClient c = loggedIn(camera, 1)) {
            camera.inject(FakeFault.garbageThenClose());
            assertEquals(FakeFault.GARBAGE_BYTES, c.readBytes(FakeFault.GARBAGE_BYTES).length);
            assertEquals("fin", c.closeKind(TIMEOUT));
        }
    }

    @Test
    void splitWritesDeliverTheSameBytesInPieces() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().faultOnConnect(FakeFault.splitWrites(3)).start();
             TestClient c = loggedIn(camera, 1)) {
            c.videoOn(camera, 0, 1);
            assertEquals(16, c.read().command());
            TestClient.Frame first = c.read();
            assertEquals(26, first.command());
            assertArrayEquals(camera.clip().frame(0), first.mediaData());
        }
    }

    @Test
    void scheduledFaultFiresLater() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().start(); TestClient c = loggedIn(camera, 1)) {
            camera.schedule(FakeFault.reset(), Duration.ofMillis(100));
            assertEquals("reset", c.closeKind(TIMEOUT));
        }
    }

    @Test
    void faultOnOneConnectionLeavesTheOthersAlone() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().start(); TestClient a = loggedIn(camera, 1);
             TestClient b = loggedIn(camera, 2)) {
            camera.inject(FakeFault.reset(), 0);
            assertEquals("reset", a.closeKind(TIMEOUT));
            b.send(new FoscLoginCheck(2));
            assertEquals(0, b.readUntil(FoscCommand.LOGIN_CHECK_REPLY).u32(0));
        }
    }

    @Test
    void ignoredVideoOnGetsNoReplyAndNoVideoThenTheNextOneIsServed() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().start(); TestClient c = loggedIn(camera, 1)) {
            camera.inject(FakeFault.ignoreRequests(FoscCommand.VIDEO_ON, 1));
            c.videoOn(camera, 0, 1);
            c.send(new FoscLoginCheck(1)); // answered: the connection itself is fine
            TestClient.Frame next = c.read();
            assertEquals(29, next.command(), "the lost VIDEO_ON got no reply and started no video; got " + next);
            c.socket.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, c::read, "nothing else: no reply, no video");
            c.socket.setSoTimeout((int) TIMEOUT.toMillis());
            c.videoOn(camera, 0, 1);
            assertEquals(16, c.read().command(), "the next VIDEO_ON is answered");
            assertEquals(26, c.read().command());
            assertEquals(1, camera.ignoredRequestCount());
            assertEquals(2, camera.recordedFrames(FoscCommand.VIDEO_ON).size(), "both were recorded");
        }
    }

    @Test
    void ignoredRequestsCountAcrossConnectionsNewOnesIncluded() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().start()) {
            camera.inject(FakeFault.ignoreRequests(FoscCommand.LOGIN_CHECK, 2));
            try (TestClient a = loggedIn(camera, 1); TestClient b = loggedIn(camera, 2)) {
                a.send(new FoscLoginCheck(1));
                camera.awaitFrames(FoscCommand.LOGIN_CHECK, 1, TIMEOUT); // a's first: one loop, in order
                b.send(new FoscLoginCheck(2));
                b.send(new FoscLoginCheck(2));
                assertEquals(29, b.read().command(), "the third LOGIN_CHECK is answered");
                b.socket.setSoTimeout(200);
                assertThrows(SocketTimeoutException.class, b::read, "one reply only for b");
                a.socket.setSoTimeout(200);
                assertThrows(SocketTimeoutException.class, a::read, "none for a");
                assertEquals(2, camera.ignoredRequestCount());
            }
        }
    }

    @Test
    void requestsIgnoredForAWhileAreAnsweredAfterIt() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().start(); TestClient c = loggedIn(camera, 1)) {
            camera.inject(FakeFault.ignoreRequests(FoscCommand.LOGIN_CHECK, Duration.ofMillis(500)));
            c.send(new FoscLoginCheck(1));
            c.send(new FoscLoginCheck(1));
            c.socket.setSoTimeout(100);
            assertThrows(SocketTimeoutException.class, c::read, "ignored while the fault lasts");
            Thread.sleep(600); // at least the fault's duration
            c.socket.setSoTimeout((int) TIMEOUT.toMillis());
            c.send(new FoscLoginCheck(1));
            assertEquals(29, c.read().command());
            assertEquals(2, camera.ignoredRequestCount());
        }
    }

    @Test
    void aStallForAWhileEndsAndTheConnectionCarriesOn() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().idleTimeout(Duration.ofMillis(200)).start();
             TestClient c = loggedIn(camera, 1)) {
            c.videoOn(camera, 0, 1);
            assertEquals(16, c.read().command());
            camera.inject(FakeFault.stall(Duration.ofMillis(800)));
            long sentAtStall = camera.videoFramesSent();
            drainFor(c, Duration.ofMillis(100)); // frames already in flight
            c.socket.setSoTimeout((int) TIMEOUT.toMillis());
            c.send(new FoscLoginCheck(1));
            assertEquals(sentAtStall, camera.videoFramesSent(), "no video while stalled");
            TestClient.Frame f = c.readUntil(FoscCommand.LOGIN_CHECK_REPLY); // after the stall, not idle-closed
            assertEquals(0, f.u32(0));
            assertEquals(26, c.readUntil(FoscCommand.VIDEO_DATA).command(), "video resumed");
            assertTrue(camera.videoFramesSent() > sentAtStall);
            assertEquals(1, camera.openConnectionCount());
        }
    }

    @Test
    void videoBurstWritesFramesAheadOfTime() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().fps(1).start(); TestClient c = loggedIn(camera, 1)) {
            c.videoOn(camera, 0, 1);
            assertEquals(16, c.read().command());
            TestClient.Frame first = c.readUntil(FoscCommand.VIDEO_DATA);
            long before = camera.videoFramesSent();
            camera.inject(FakeFault.videoBurst(40)); // returns once the loop has written them
            assertTrue(camera.videoFramesSent() - before >= 40,
                    "40 frames at once at 1 fps: sent " + (camera.videoFramesSent() - before));
            long previous = first.u64(0);
            for (int i = 0; i < 40; i++) {
                TestClient.Frame f = c.readUntil(FoscCommand.VIDEO_DATA);
                long timestamp = f.u64(0);
                assertTrue(timestamp > previous, "timestamps go on increasing: " + timestamp + " after " + previous);
                previous = timestamp;
            }
        }
    }

    @Test
    void videoBurstIntoAClientThatDoesNotReadSkipsFrames() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().fps(1).videoBitRate(400_000).start();
             TestClient c = loggedIn(camera, 1)) {
            c.socket.setReceiveBufferSize(64 * 1024);
            c.videoOn(camera, 0, 1);
            assertEquals(16, c.read().command());
            camera.inject(FakeFault.videoBurst(2000)); // 2000 × 50 kB, far more than the buffers hold
            assertTrue(camera.videoFramesSkipped() > 0, "skipped " + camera.videoFramesSkipped());
            assertTrue(camera.videoFramesSent() < 2000, "sent only what the buffers took: " + camera.videoFramesSent());
        }
    }

    @Test
    void faultsDescribeThemselvesAndCompareByValue() {
        assertEquals(FakeFault.ignoreRequests(FoscCommand.VIDEO_ON, 2), FakeFault.ignoreRequests(FoscCommand.VIDEO_ON, 2));
        assertTrue(!FakeFault.ignoreRequests(FoscCommand.VIDEO_ON, 2).equals(
                FakeFault.ignoreRequests(FoscCommand.AUDIO_ON, 2)));
        assertEquals("FakeFault[IGNORE_REQUESTS VIDEO_ON(0) 2×]",
                FakeFault.ignoreRequests(FoscCommand.VIDEO_ON, 2).toString());
        assertEquals("FakeFault[STALL PT1S]", FakeFault.stall(Duration.ofSeconds(1)).toString());
        assertTrue(FakeFault.ignoreRequests(FoscCommand.LOGIN, 1).isCameraWide());
        assertThrows(IllegalArgumentException.class, () -> FakeFault.stall(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> FakeFault.videoBurst(0));
    }

    private static void drainFor(TestClient c, Duration d) throws IOException {
        c.socket.setSoTimeout((int) d.toMillis());
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try {
            byte[] buf = new byte[65536];
            int n;
            while ((n = c.socket.getInputStream().read(buf)) > 0) {
                sink.write(buf, 0, n);
            }
        } catch (SocketTimeoutException done) {
            // drained
        }
    }
}
