package dev.fosc.testkit;

import dev.fosc.codec.FoscCommand;
import dev.fosc.codec.FoscLogin;
import dev.fosc.codec.FoscLoginCheck;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static dev.fosc.testkit.TestClient.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every preamble form of docs/protocol.md §1.1, the HTTP 200 answer, and no preamble at all. */
class FakeCameraPreambleTest {

    private static void assertLogsIn(FakeCamera camera, String preamble) throws Exception {
        try (TestClient c = TestClient.connectRaw(camera)) {
            c.sendRaw(preamble.getBytes(StandardCharsets.US_ASCII));
            c.login(camera, 1);
            assertEquals(0, c.readUntil(FoscCommand.LOGIN_REPLY).u32(0), preamble);
        }
    }

    @Test
    void everyPreambleFormIsAccepted() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().start()) {
            assertLogsIn(camera, TestClient.PREAMBLE);
            assertLogsIn(camera, "SERVERPUSH / HTTP/1.1\r\nHost: cam:88\r\nAccept: */*\r\nConnection: Close\r\n\r\n");
            assertLogsIn(camera, "SERVERPUSH / HTTP/1.1\r\nHost: cam:88\r\nAccept:*/*\r\nConnection: Close\r\n\r\n\r\n");
            assertLogsIn(camera, "SERVERPUSH / HTTP/1.1\r\nhost: cam\r\naccept: */*\r\nconnection: close\r\n\r\n");
            assertEquals(4, camera.loginCount());
        }
    }

    @Test
    void preambleAndFirstFrameInOneWrite() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().start(); TestClient c = TestClient.connectRaw(camera)) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.writeBytes(TestClient.PREAMBLE.getBytes(StandardCharsets.US_ASCII));
            all.writeBytes(TestClient.encode(new FoscLogin(camera.credentials(), 3, 0)));
            all.writeBytes(TestClient.encode(new FoscLoginCheck(3)));
            c.sendRaw(all.toByteArray());
            assertEquals(100, c.read().command());
            assertEquals(0, c.read().u32(0));
        }
    }

    @Test
    void preambleOneByteAtATime() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().start(); TestClient c = TestClient.connectRaw(camera)) {
            byte[] bytes = (TestClient.PREAMBLE).getBytes(StandardCharsets.US_ASCII);
            for (byte b : bytes) {
                c.sendRaw(new byte[] {b});
            }
            for (byte b : TestClient.encode(new FoscLogin(camera.credentials(), 3, 0))) {
                c.sendRaw(new byte[] {b});
            }
            assertEquals(100, c.read().command());
        }
    }

    @Test
    void httpOkAnswerPrecedesTheFirstFrame() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().httpOkAnswer(true).start();
             TestClient c = TestClient.connect(camera)) {
            byte[] ok = c.readBytes(CameraConnection.HTTP_OK.length);
            assertArrayEquals(CameraConnection.HTTP_OK, ok);
            assertTrue(new String(ok, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200 OK\r\n"));
            c.login(camera, 1);
            assertEquals(100, c.read().command());
        }
    }

    @Test
    void noPreambleMode() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().preamble(false).start();
             TestClient c = TestClient.connectRaw(camera)) {
            c.login(camera, 1);
            assertEquals(0, c.readUntil(FoscCommand.LOGIN_REPLY).u32(0));
            camera.takeFrame(FoscCommand.LOGIN, TIMEOUT);
        }
    }
}
