package dev.fosc.testkit;

import dev.fosc.codec.FoscAudioOff;
import dev.fosc.codec.FoscClose;
import dev.fosc.codec.FoscCommand;
import dev.fosc.codec.FoscLoginCheck;
import dev.fosc.codec.FoscLoginReply;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.fosc.testkit.TestClient.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The session flows of docs/protocol.md §6 through a plain socket. */
class FakeCameraSessionTest {

    private static FakeCamera.Builder camera() {
        return FakeCamera.builder().user("admin").password("s3cret").presets(List.of("door", "gate"))
                .cruises(List.of("round")).cameraId("CAM42");
    }

    @Test
    void loginIsAcceptedWithPresetsCruisesAndCameraId() throws Exception {
        try (FakeCamera camera = camera().start(); TestClient c = TestClient.connect(camera)) {
            c.login(camera, 7);
            TestClient.Frame reply = c.read();
            assertEquals(100, reply.command());
            Map<String, Object> decoded = reply.decoded();
            assertEquals(0L, decoded.get("result"));
            assertEquals(List.of("door", "gate"), decoded.get("presets"));
            assertEquals(List.of("round"), decoded.get("cruises"));
            assertEquals("CAM42", decoded.get("cameraId"));
            assertEquals(FoscLoginReply.DEFAULT_LENGTH, reply.payload().length);

            c.send(new FoscLoginCheck(7));
            TestClient.Frame check = c.read();
            assertEquals(29, check.command());
            assertEquals(0, check.u32(0));

            assertEquals(1, camera.loginCount());
            assertEquals(1, camera.connectionCount());
            FakeRecordedFrame login = camera.takeFrame(FoscCommand.LOGIN, TIMEOUT);
            assertEquals(0, login.connectionIndex());
            assertEquals("admin", login.field("user"));
            assertEquals("<redacted>", login.field("password"));
            assertEquals(7L, login.field("uid"));
            assertEquals(12 + 164, login.bytes().length);
            assertFalse(login.toString().contains("s3cret"));
        }
    }

    @Test
    void wrongPasswordIsRefusedAndLoginCheckFails() throws Exception {
        try (FakeCamera camera = camera().start(); TestClient c = TestClient.connect(camera)) {
            c.login("admin", "wrong", 9);
            TestClient.Frame reply = c.read();
            assertEquals(100, reply.command());
            assertEquals(0, reply.payload().length, "the FI9821W V2 refuses with an empty payload");
            c.send(new FoscLoginCheck(9));
            assertEquals(1, c.read().u32(0));
            assertEquals(0, camera.loginCount());
            assertEquals(1, camera.refusedLoginCount());
        }
    }

    @Test
    void videoComesAtTheFrameRateWithCorrectHeaders() throws Exception {
        try (FakeCamera camera = camera().start(); TestClient c = TestClient.connect(camera)) {
            c.login(camera, 1);
            c.readUntil(FoscCommand.LOGIN_REPLY);
            c.videoOn(camera, 0, 1);
            TestClient.Frame reply = c.read();
            assertEquals(16, reply.command());
            assertEquals(36, reply.payload().length);
            assertEquals(0, reply.u32(0));
            long previous = -1;
            for (int i = 0; i < 30; i++) {
                TestClient.Frame f = c.read();
                assertEquals(26, f.command());
                assertEquals(f.payload().length - 36, f.u32(8), "video length");
                assertEquals(i % 25 == 0 ? 1 : 0, f.u32(16), "key frame flag of frame " + i);
                assertEquals(640, f.u32(20));
                assertEquals(360, f.u32(24));
                assertEquals(25, f.u32(28));
                assertTrue(f.u32(32) > 0, "bit rate");
                long ts = f.u64(0);
                if (previous >= 0) {
                    assertEquals(40, ts - previous, "40 ms per frame at 25 fps");
                }
                previous = ts;
                byte[] data = f.mediaData();
                assertEquals(1, data[3], "Annex-B start code");
                assertEquals(camera.clip().frame(i % camera.clip().frameCount()).length, data.length);
            }
            assertTrue(camera.videoFramesSent() >= 30);
        }
    }

    @Test
    void audioComesEvery60msUntilAudioOff() throws Exception {
        try (FakeCamera camera = camera().start(); TestClient c = TestClient.connect(camera)) {
            c.login(camera, 1);
            c.readUntil(FoscCommand.LOGIN_REPLY);
            c.audioOn(camera, 0);
            TestClient.Frame reply = c.read();
            assertEquals(18, reply.command());
            assertEquals(0, reply.u32(0));
            long first = -1;
            for (int i = 0; i < 5; i++) {
                TestClient.Frame f = c.read();
                assertEquals(27, f.command());
                assertEquals(960, f.payload().length - 36);
                assertEquals(960, f.u32(12));
                if (first < 0) {
                    first = f.u64(0);
                } else {
                    assertEquals(first + 60L * i, f.u64(0));
                }
            }
            c.send(new FoscAudioOff(0, camera.credentials()));
            camera.takeFrame(FoscCommand.AUDIO_OFF, TIMEOUT);
            long sent = camera.audioFramesSent();
            Thread.sleep(200); // a few frame periods: nothing more may come
            assertEquals(sent, camera.audioFramesSent());
        }
    }

    @Test
    void closeEndsTheConnection() throws Exception {
        try (FakeCamera camera = camera().start(); TestClient c = TestClient.connect(camera)) {
            c.login(camera, 1);
            c.readUntil(FoscCommand.LOGIN_REPLY);
            c.send(new FoscClose(camera.credentials()));
            assertTrue(c.awaitClosed(TIMEOUT));
            camera.takeFrame(FoscCommand.CLOSE, TIMEOUT);
        }
    }

    @Test
    void motionOnDemandReachesLoggedInConnectionsOnly() throws Exception {
        try (FakeCamera camera = camera().start(); TestClient in = TestClient.connect(camera);
             TestClient out = TestClient.connect(camera)) {
            in.login(camera, 1);
            in.readUntil(FoscCommand.LOGIN_REPLY);
            out.sendRaw(new byte[0]);
            camera.awaitConnectionCount(2, TIMEOUT);
            camera.triggerMotion();
            TestClient.Frame motion = in.read();
            assertEquals(111, motion.command());
            assertEquals("0100001e", motion.decoded().get("motion"));
            out.socket.setSoTimeout(300);
            assertThrowsTimeout(out);
        }
    }

    @Test
    void idleConnectionsAreClosed() throws Exception {
        try (FakeCamera camera = camera().idleTimeout(Duration.ofMillis(300)).start();
             TestClient c = TestClient.connect(camera)) {
            c.login(camera, 1);
            c.readUntil(FoscCommand.LOGIN_REPLY);
            c.videoOn(camera, 0, 1);
            // video keeps flowing from the camera, but only what the client sends counts
            assertTrue(c.awaitClosed(TIMEOUT));
            assertEquals(0, camera.openConnectionCount() > 0 ? waitOpen(camera) : 0);
        }
    }

    private static int waitOpen(FakeCamera camera) throws InterruptedException {
        for (int i = 0; i < 200 && camera.openConnectionCount() > 0; i++) {
            Thread.sleep(10);
        }
        return camera.openConnectionCount();
    }

    private static void assertThrowsTimeout(TestClient c) {
        try {
            TestClient.Frame f = c.read();
            throw new AssertionError("expected nothing, got " + f);
        } catch (java.net.SocketTimeoutException expected) {
            // nothing arrived
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aRefusedLoginOnALoggedInConnectionEndsItsSession() throws Exception {
        try (FakeCamera camera = camera().start(); TestClient c = TestClient.connect(camera);
             TestClient other = TestClient.connect(camera)) {
            c.login(camera, 5);
            assertEquals(0, c.readUntil(FoscCommand.LOGIN_REPLY).u32(0));
            c.send(new FoscLoginCheck(5));
            assertEquals(0, c.readUntil(FoscCommand.LOGIN_CHECK_REPLY).u32(0));
            c.login("admin", "wrong", 5);
            assertEquals(0, c.readUntil(FoscCommand.LOGIN_REPLY).payload().length, "refused (empty reply)");
            c.send(new FoscLoginCheck(5));
            assertEquals(1, c.readUntil(FoscCommand.LOGIN_CHECK_REPLY).u32(0), "no longer logged in");
            other.send(new FoscLoginCheck(5));
            assertEquals(1, other.readUntil(FoscCommand.LOGIN_CHECK_REPLY).u32(0), "the uid's session is gone");
        }
    }
}
