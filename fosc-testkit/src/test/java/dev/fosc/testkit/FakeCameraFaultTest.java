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
