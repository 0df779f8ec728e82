package dev.fosc.testkit;

import dev.fosc.codec.FoscCommand;
import dev.fosc.codec.FoscLoginCheck;
import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.fosc.testkit.TestClient.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input closes only the connection it came on; unknown commands are ignored. */
class FakeCameraBadInputTest {

    private static TestClient loggedIn(FakeCamera camera, int uid) throws Exception {
        TestClient c = TestClient.connect(camera);
        c.login(camera, uid);
        c.readUntil(FoscCommand.LOGIN_REPLY);
        return c;
    }

    /** The bystander still gets replies and the camera still accepts new connections. */
    private static void assertCameraServes(FakeCamera camera, TestClient bystander, int uid) throws Exception {
        bystander.send(new FoscLoginCheck(uid));
        assertEquals(0, bystander.readUntil(FoscCommand.LOGIN_CHECK_REPLY).u32(0));
        try (TestClient fresh = loggedIn(camera, 99)) {
            fresh.send(new FoscLoginCheck(99));
            assertEquals(0, fresh.readUntil(FoscCommand.LOGIN_CHECK_REPLY).u32(0));
        }
    }

    @Test
    void badMagicClosesThatConnectionOnly() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().start(); TestClient bystander = loggedIn(camera, 1);
             TestClient bad = loggedIn(camera, 2)) {
            byte[] frame = TestClient.rawFrame(15, new byte[4]);
            frame[4] = 'X';
            bad.sendRaw(frame);
            assertTrue(bad.awaitClosed(TIMEOUT));
            assertCameraServes(camera, bystander, 1);
        }
    }

    @Test
    void oversizedLengthClosesThatConnectionOnly() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().start(); TestClient bystander = loggedIn(camera, 1);
             TestClient bad = loggedIn(camera, 2)) {
            ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            header.putInt(6).put("FOSC".getBytes(StandardCharsets.US_ASCII)).putInt(FakeCamera.DEFAULT_MAX_PAYLOAD_LENGTH + 1);
            bad.sendRaw(header.array());
            assertTrue(bad.awaitClosed(TIMEOUT));
            assertCameraServes(camera, bystander, 1);
        }
    }

    @Test
    void garbagePreambleClosesThatConnectionOnly() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().start(); TestClient bystander = loggedIn(camera, 1);
             TestClient bad = TestClient.connectRaw(camera)) {
            bad.sendRaw("GET /cgi-bin/CGIProxy.fcgi HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            bad.sendRaw(TestClient.encode(new FoscLoginCheck(1)));
            assertTrue(bad.awaitClosed(TIMEOUT));
            assertCameraServes(camera, bystander, 1);
        }
    }

    @Test
    void binaryGarbageInsteadOfAPreambleClosesThatConnection() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().start(); TestClient bad = TestClient.connectRaw(camera)) {
            bad.sendRaw(TestClient.rawFrame(12, new byte[164])); // frames without the preamble
            bad.sendRaw(new byte[] {'\r', '\n', '\r', '\n'});
            assertTrue(bad.awaitClosed(TIMEOUT));
            try (TestClient good = loggedIn(camera, 5)) {
                good.send(new FoscLoginCheck(5));
                assertEquals(0, good.readUntil(FoscCommand.LOGIN_CHECK_REPLY).u32(0));
            }
        }
    }

    @Test
    void unknownCommandsAreRecordedAndIgnored() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().start(); TestClient c = loggedIn(camera, 1)) {
            c.sendRaw(TestClient.rawFrame(600, new byte[] {1, 2, 3}));
            c.sendRaw(TestClient.rawFrame(12, new byte[10])); // a LOGIN too short to read
            c.send(new FoscLoginCheck(1));
            assertEquals(0, c.read().u32(0), "the next frame is the reply to 15: nothing answered 600 or the bad 12");
            FakeRecordedFrame unknown = camera.takeFrame(FoscCommand.valueOf(600), TIMEOUT);
            assertEquals("UNKNOWN", unknown.field("name"));
            assertEquals(3, unknown.payload().length);
            FakeRecordedFrame invalid = camera.awaitFrames(FoscCommand.LOGIN, 2, TIMEOUT).get(1);
            assertTrue(String.valueOf(invalid.field("error")).contains("LOGIN"), invalid.toString());
        }
    }

    @Test
    void afterTheFirstBadInputNothingElseOfTheSameReadIsHandledOrLogged() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(FakeCamera.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try (FakeCamera camera = FakeCamera.builder().maxPayloadLength(164).start();
             TestClient bad = loggedIn(camera, 2)) {
            camera.clearRecording();
            // one write: an oversized frame (165 > 164 bytes), a LOGIN_CHECK, another oversized frame
            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            burst.writeBytes(TestClient.rawFrame(15, new byte[165]));
            burst.writeBytes(TestClient.encode(new FoscLoginCheck(2)));
            burst.writeBytes(TestClient.rawFrame(15, new byte[200]));
            bad.sendRaw(burst.toByteArray());
            assertTrue(bad.awaitClosed(TIMEOUT));
            camera.awaitConnectionCount(1, TIMEOUT);
            assertEquals(List.of(), camera.recordedFrames(), "nothing after the bad input was handled");
            assertEquals(1, camera.server().stats().badInputs.get());
            long warnings = appender.list.stream().filter(e -> e.getLevel() == Level.WARN).count();
            assertEquals(1, warnings, appender.list.toString());
        } finally {
            logger.detachAppender(appender);
        }
    }
}
