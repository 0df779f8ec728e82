package dev.fosc.cli;

import dev.fosc.cli.record.JsonFieldsAccess;
import dev.fosc.testkit.FakeCamera;
import dev.fosc.testkit.FakeEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code fosc events} against a fake camera: one JSON object per event on standard output. */
class EventsCommandIT {

    private static final String PASSWORD = "events-secret-5";
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void printsTheMotionEventsTheCameraSentAsJsonLines() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().password(PASSWORD).start()) {
            CompletableFuture<CliTestSupport.Result> run = CompletableFuture.supplyAsync(() -> CliTestSupport.run(
                    Map.of("FOSC_PASSWORD", PASSWORD), "events", "--host", camera.host(), "--port",
                    String.valueOf(camera.port()), "--duration", "2s"));
            camera.awaitLoginCount(1, WAIT);
            Thread.sleep(200); // the session is connected before the camera pushes
            for (int i = 0; i < 3; i++) {
                camera.triggerMotion();
            }
            camera.sendEvent(FakeEvent.presetsChanged(List.of("gate")));
            CliTestSupport.Result r = run.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(0, r.exit(), r.toString());
            r.assertHides(PASSWORD);

            List<Map<String, Object>> events = r.out().lines().map(JsonFieldsAccess::parse)
                    .collect(Collectors.toList());
            List<Map<String, Object>> motion = events.stream().filter(e -> "motion".equals(e.get("type")))
                    .collect(Collectors.toList());
            assertEquals(3, motion.size(), r.out());
            for (Map<String, Object> m : motion) {
                assertEquals(camera.host() + ":" + camera.port(), m.get("camera"));
                assertTrue(m.get("time") instanceof String, m.toString());
                assertTrue(m.containsKey("raw"), m.toString());
            }
            assertTrue(events.stream().anyMatch(e -> "presetsChanged".equals(e.get("type"))
                    && "gate".equals(e.get("presets[0]"))), r.out());
        }
    }

    @Test
    void aWrongPasswordExitsThreeAfterExactlyOneLoginAttempt() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().password(PASSWORD).start()) {
            CliTestSupport.Result r = CliTestSupport.run("events", "--host", camera.host(), "--port",
                    String.valueOf(camera.port()), "--password", "wrong-one", "--duration", "5s");
            assertEquals(3, r.exit(), r.toString());
            assertTrue(r.err().contains("login refused") && r.err().contains("no second attempt was made"), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            Thread.sleep(300);
            assertEquals(1, camera.loginAttemptCount());
            r.assertHides("wrong-one");
        }
    }

    @Test
    void withAConfigEachLineNamesItsCamera(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        try (FakeCamera door = FakeCamera.builder().password(PASSWORD).start();
             FakeCamera yard = FakeCamera.builder().password(PASSWORD).start()) {
            java.nio.file.Path config = java.nio.file.Files.writeString(tmp.resolve("cameras.yml"), "cameras:\n"
                    + "  door:\n    url: fosc://admin:${PW}@" + door.host() + ":" + door.port() + "\n"
                    + "  yard:\n    url: fosc://admin:${PW}@" + yard.host() + ":" + yard.port() + "\n");
            CompletableFuture<CliTestSupport.Result> run = CompletableFuture.supplyAsync(() -> CliTestSupport.run(
                    Map.of("PW", PASSWORD), "events", "--config", config.toString(), "--duration", "2s"));
            door.awaitLoginCount(1, WAIT);
            yard.awaitLoginCount(1, WAIT);
            Thread.sleep(200);
            door.triggerMotion();
            yard.triggerMotion();
            yard.triggerMotion();
            CliTestSupport.Result r = run.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(0, r.exit(), r.toString());
            List<Map<String, Object>> motion = r.out().lines().map(JsonFieldsAccess::parse)
                    .filter(e -> "motion".equals(e.get("type"))).collect(Collectors.toList());
            assertEquals(1, motion.stream().filter(m -> "door".equals(m.get("camera"))).count(), r.out());
            assertEquals(2, motion.stream().filter(m -> "yard".equals(m.get("camera"))).count(), r.out());
        }
    }
}
