package dev.fosc.testkit;

import dev.fosc.codec.FoscCommand;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Events pushed by the camera, on demand and on a schedule. */
class FakeCameraEventTest {

    private static TestClient loggedIn(FakeCamera camera) throws Exception {
        TestClient c = TestClient.connect(camera);
        c.login(camera, 1);
        c.readUntil(FoscCommand.LOGIN_REPLY);
        return c;
    }

    @Test
    void everyEventKindOnDemand() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().start(); TestClient c = loggedIn(camera)) {
            camera.sendEvent(FakeEvent.presetsChanged(List.of("a", "b")));
            camera.sendEvent(FakeEvent.cruisesChanged(List.of("tour")));
            camera.sendEvent(FakeEvent.mirrorFlip(0, 1));
            camera.sendEvent(FakeEvent.colorAdjust(10, 20, 30, 40, 50, 50));
            camera.sendEvent(FakeEvent.motion());
            camera.sendEvent(FakeEvent.motion(new byte[] {1, 0}));
            camera.sendEvent(FakeEvent.powerFrequency(1));
            camera.sendEvent(FakeEvent.streamSelect(2));
            camera.sendEvent(FakeEvent.unknown(250, new byte[] {9, 8, 7}));

            Map<String, Object> presets = c.read().decoded();
            assertEquals(106L, presets.get("command"));
            assertEquals(List.of("a", "b"), presets.get("presets"));
            assertEquals(List.of("tour"), c.read().decoded().get("cruises"));
            Map<String, Object> mirror = c.read().decoded();
            assertEquals(0L, mirror.get("mirror"));
            assertEquals(1L, mirror.get("flip"));
            Map<String, Object> color = c.read().decoded();
            assertEquals(110L, color.get("command"));
            assertEquals(30, color.get("hue"));
            assertEquals("0100001e", c.read().decoded().get("motion"));
            assertEquals("0100", c.read().decoded().get("motion"));
            assertEquals(1L, c.read().decoded().get("frequency"));
            Map<String, Object> stream = c.read().decoded();
            assertEquals(113L, stream.get("command"));
            assertEquals(2L, stream.get("stream"));
            TestClient.Frame unknown = c.read();
            assertEquals(250, unknown.command());
            assertArrayEquals(new byte[] {9, 8, 7}, unknown.payload());
        }
    }

    @Test
    void scheduledEventsRepeatUntilCancelled() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().start(); TestClient c = loggedIn(camera)) {
            Future<?> schedule = camera.scheduleEvent(FakeEvent.powerFrequency(0), Duration.ofMillis(30));
            for (int i = 0; i < 3; i++) {
                assertEquals(112, c.read().command());
            }
            schedule.cancel(false);
        }
    }

    @Test
    void motionEveryFromTheBuilder() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().motionEvery(Duration.ofMillis(30)).start();
             TestClient c = loggedIn(camera)) {
            assertEquals(111, c.read().command());
            assertEquals(111, c.read().command());
        }
    }
}
