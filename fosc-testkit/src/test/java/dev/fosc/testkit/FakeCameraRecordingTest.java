package dev.fosc.testkit;

import dev.fosc.codec.FoscCommand;
import dev.fosc.codec.FoscLoginCheck;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.fosc.testkit.TestClient.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The recording: immutable values, takes, and failure messages that list what did arrive. */
class FakeCameraRecordingTest {

    @Test
    void framesAreRecordedInOrderWithConnectionIndexes() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().password("pw").start();
             TestClient a = TestClient.connect(camera); TestClient b = TestClient.connect(camera)) {
            a.login(camera, 1);
            a.readUntil(FoscCommand.LOGIN_REPLY);
            b.send(new FoscLoginCheck(1));
            b.readUntil(FoscCommand.LOGIN_CHECK_REPLY);
            FakeRecordedFrame first = camera.takeFrame(TIMEOUT);
            FakeRecordedFrame second = camera.takeFrame(TIMEOUT);
            assertEquals(FoscCommand.LOGIN, first.command());
            assertEquals(0, first.connectionIndex());
            assertEquals(FoscCommand.LOGIN_CHECK, second.command());
            assertEquals(1, second.connectionIndex());
            assertEquals(1L, second.field("uid"));
            assertTrue(second.receivedNanos() >= first.receivedNanos());
            assertEquals(List.of(first, second), camera.recordedFrames());
            assertEquals(List.of(second), camera.recordedFrames(FoscCommand.LOGIN_CHECK));
        }
    }

    @Test
    void recordedFramesAreImmutable() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().start(); TestClient c = TestClient.connect(camera)) {
            c.send(new FoscLoginCheck(3));
            FakeRecordedFrame f = camera.takeFrame(TIMEOUT);
            byte[] bytes = f.bytes();
            bytes[0] = 99;
            assertEquals(15, f.bytes()[0]);
            assertNotSame(f.bytes(), f.bytes());
            assertEquals(4, f.payload().length);
            assertThrows(UnsupportedOperationException.class, () -> f.fields().put("x", 1));
        }
    }

    @Test
    void aTimeoutListsWhatArrived() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().password("secret-pw").start();
             TestClient c = TestClient.connect(camera)) {
            c.login(camera, 5);
            c.readUntil(FoscCommand.LOGIN_REPLY);
            AssertionError e = assertThrows(AssertionError.class,
                    () -> camera.takeFrame(FoscCommand.VIDEO_ON, Duration.ofMillis(100)));
            assertTrue(e.getMessage().contains("no VIDEO_ON(0) frame within"), e.getMessage());
            assertTrue(e.getMessage().contains("received 1 frame"), e.getMessage());
            assertTrue(e.getMessage().contains("#0 LOGIN(12)"), e.getMessage());
            assertFalse(e.getMessage().contains("secret-pw"), e.getMessage());

            AssertionError logins = assertThrows(AssertionError.class,
                    () -> camera.awaitLoginCount(2, Duration.ofMillis(100)));
            assertTrue(logins.getMessage().contains("got 1"), logins.getMessage());
        }
    }

    @Test
    void takeSkipsOtherCommandsButKeepsThem() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().start(); TestClient c = TestClient.connect(camera)) {
            c.login(camera, 1);
            c.send(new FoscLoginCheck(1));
            assertEquals(FoscCommand.LOGIN_CHECK, camera.takeFrame(FoscCommand.LOGIN_CHECK, TIMEOUT).command());
            assertEquals(FoscCommand.LOGIN, camera.takeFrame(TIMEOUT).command(), "still there");
            camera.clearRecording();
            assertEquals(0, camera.recordedFrames().size());
        }
    }

    @Test
    void theRecordingIsCapped() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().maxRecordedFrames(2).start();
             TestClient c = TestClient.connect(camera)) {
            for (int i = 0; i < 4; i++) {
                c.send(new FoscLoginCheck(i));
                c.read();
            }
            assertEquals(2, camera.recordedFrames().size());
            assertTrue(camera.describeRecording().contains("2 more not recorded"), camera.describeRecording());
        }
    }

    @Test
    void theRecordingHasAByteBudget() throws Exception {
        // a LOGIN_CHECK frame is 16 bytes: two fit in 40, the third and fourth are counted only
        try (FakeCamera camera = FakeCamera.builder().maxRecordedBytes(40).start();
             TestClient c = TestClient.connect(camera)) {
            for (int i = 0; i < 4; i++) {
                c.send(new FoscLoginCheck(i));
                c.read();
            }
            assertEquals(2, camera.recordedFrames().size());
            assertEquals(16, camera.recordedFrames().get(0).size());
            assertTrue(camera.describeRecording().contains("2 more not recorded"), camera.describeRecording());
            camera.clearRecording();
            c.send(new FoscLoginCheck(9));
            assertEquals(9L, camera.takeFrame(TIMEOUT).field("uid"), "room again after clearing");
        }
    }

    @Test
    void recordingOffRecordsNothing() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().record(false).start();
             TestClient c = TestClient.connect(camera)) {
            c.send(new FoscLoginCheck(1));
            assertEquals(29, c.readUntil(FoscCommand.LOGIN_CHECK_REPLY).command());
            assertEquals(List.of(), camera.recordedFrames());
        }
    }

    @Test
    void aRecordedFrameIsAnImmutableValue() {
        byte[] bytes = {1, 2, 3};
        java.util.Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("uid", 1L);
        FakeRecordedFrame f = new FakeRecordedFrame(0, FoscCommand.LOGIN_CHECK, fields, bytes, 5);
        bytes[0] = 9;
        fields.put("uid", 2L);
        assertEquals(1, f.bytes()[0], "copied in");
        assertEquals(1L, f.field("uid"), "copied in");
        f.bytes()[1] = 9;
        assertEquals(2, f.bytes()[1], "copied out");
        assertThrows(UnsupportedOperationException.class, () -> f.fields().put("x", 1));
        assertEquals(f, new FakeRecordedFrame(0, FoscCommand.LOGIN_CHECK, java.util.Map.of("uid", 1L),
                new byte[] {1, 2, 3}, 5));
    }
}
