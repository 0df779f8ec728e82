package dev.fosc.micrometer;

import dev.fosc.client.FoscClient;
import dev.fosc.client.FoscReconnectPolicy;
import dev.fosc.client.FoscSession;
import dev.fosc.client.FoscSessionOptions;
import dev.fosc.client.FoscSessionState;
import dev.fosc.client.FoscSessionStats;
import dev.fosc.client.FoscStream;
import dev.fosc.codec.FoscCredentials;
import dev.fosc.testkit.FakeCamera;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** FoscMicrometer against sessions to FakeCamera, read through a SimpleMeterRegistry. */
class FoscMicrometerIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /**
     * Every read sees the counters as they are, so that values can be compared with the stats exactly; a camera's
     * meters go as soon as its last session ended.
     */
    private static final FoscMeterOptions FRESH = FoscMeterOptions.builder().snapshotMaxAge(Duration.ZERO)
            .endedCameraRetention(Duration.ZERO).build();

    private FoscClient client;
    private SimpleMeterRegistry registry;
    private final List<FakeCamera> cameras = new ArrayList<>();

    @BeforeEach
    void start() {
        client = FoscClient.builder().threads(1).build();
        registry = new SimpleMeterRegistry();
    }

    @AfterEach
    void stop() {
        client.close();
        cameras.forEach(FakeCamera::close);
        registry.close();
    }

    private FakeCamera camera(FakeCamera.Builder builder) {
        FakeCamera camera = builder.start();
        cameras.add(camera);
        return camera;
    }

    private FoscSession session(FakeCamera camera, String password) {
        return client.newSession(FoscSessionOptions.builder(camera.host(), FoscCredentials.of(FakeCamera.DEFAULT_USER,
                        password)).port(camera.port()).reconnectPolicy(FoscReconnectPolicy.builder()
                        .initialDelay(Duration.ofMillis(5)).maxDelay(Duration.ofMillis(50)).minLoginInterval(Duration.ZERO).build()).build());
    }

    private static <T> T get(java.util.concurrent.CompletableFuture<T> f) throws Exception {
        return f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void await(BooleanSupplier condition, Supplier<String> describe) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + WAIT + ": " + describe.get());
            }
            Thread.sleep(5);
        }
    }

    private FunctionCounter counter(String name, String... tags) {
        return registry.find(name).tags(tags).functionCounter();
    }

    private double gauge(String state) {
        Gauge g = registry.find("fosc.sessions").tag("state", state).gauge();
        assertNotNull(g, "fosc.sessions{state=" + state + "}");
        return g.value();
    }

    private List<Meter> withTag(String key) {
        return registry.getMeters().stream().filter(m -> m.getId().getTag(key) != null).toList();
    }

    @Test
    void perCameraCountersFollowTheSessionAndGoWhenItEnds() throws Exception {
        FakeCamera camera = camera(FakeCamera.builder());
        FoscMicrometer metrics = FoscMicrometer.bind(client, registry, FRESH);
        FoscSession session = session(camera, FakeCamera.DEFAULT_PASSWORD);
        String tag = "127.0.0.1:" + camera.port();
        FunctionCounter main = counter("fosc.frames.received", "camera", tag, "stream", "main");
        assertNotNull(main, "registered when the session joins: " + registry.getMetersAsString());
        assertEquals(1.0, gauge("new"));

        get(session.connect());
        get(session.videoOn(FoscStream.MAIN));
        await(() -> main.count() >= 5, () -> registry.getMetersAsString());
        assertEquals(1.0, gauge("connected"));
        assertEquals(0.0, gauge("new"));
        assertEquals(1.0, counter("fosc.logins", "camera", tag).count());
        FunctionCounter bytes = counter("fosc.bytes.received", "camera", tag, "stream", "main");
        FoscSessionStats stats = session.stats();
        double frames = main.count();
        assertTrue(frames >= stats.mainVideoFrames(), "read after the stats: " + frames + " " + stats);
        assertTrue(bytes.count() >= stats.mainVideoBytes() && bytes.count() > 0, bytes.count() + " " + stats);
        assertTrue(withTag("camera").size() >= FoscStatsMeters.COUNTERS.size());

        get(session.close());
        assertEquals(List.of(), withTag("camera"), "the camera's meters are removed with its last session");
        assertEquals(1.0, counter("fosc.sessions.ended", "state", "closed").count());
        assertEquals(0.0, gauge("connected"));
        assertNull(counter("fosc.frames.received", "stream", "main"), "no client-level counters per camera");
        metrics.close();
    }

    @Test
    void aCameraWhoseSessionFailedKeepsItsCountersForTheRetentionTime() throws Exception {
        FakeCamera camera = camera(FakeCamera.builder().password("right"));
        FoscMicrometer.bind(client, registry, FoscMeterOptions.builder().snapshotMaxAge(Duration.ZERO)
                .endedCameraRetention(Duration.ofMillis(300)).build());
        FoscSession session = session(camera, "wrong");
        String tag = "127.0.0.1:" + camera.port();
        assertTrue(session.connect().handle((v, e) -> e).get(WAIT.toMillis(), TimeUnit.MILLISECONDS) != null);
        await(() -> session.state() == FoscSessionState.FAILED, () -> session.state().toString());
        FunctionCounter refused = counter("fosc.login.failures", "camera", tag, "reason", "refused");
        assertNotNull(refused, "a scrape right after the failure still sees why: " + registry.getMetersAsString());
        assertEquals(1.0, refused.count());
        await(() -> withTag("camera").isEmpty(), () -> registry.getMetersAsString());
    }

    @Test
    void twoSessionsToOneCameraShareItsMetersWhichNeverGoBackwards() throws Exception {
        FakeCamera camera = camera(FakeCamera.builder());
        FoscMicrometer.bind(client, registry, FRESH);
        FoscSession first = session(camera, FakeCamera.DEFAULT_PASSWORD);
        FoscSession second = session(camera, FakeCamera.DEFAULT_PASSWORD);
        String tag = "127.0.0.1:" + camera.port();
        FunctionCounter logins = counter("fosc.logins", "camera", tag);
        get(first.connect());
        get(second.connect());
        assertEquals(2.0, logins.count());
        get(first.close());
        assertEquals(2.0, logins.count(), "the ended session's login still counts");
        assertNotNull(counter("fosc.logins", "camera", tag), "still registered while a session lives");
        get(second.close());
        assertNull(counter("fosc.logins", "camera", tag));
    }

    @Test
    void withoutTheCameraTagOnlyClientTotalsAreRegisteredAndTheyOutliveTheSessions() throws Exception {
        FakeCamera good = camera(FakeCamera.builder());
        FakeCamera locked = camera(FakeCamera.builder().password("right"));
        FoscMeterOptions options = FoscMeterOptions.builder().perCamera(false).snapshotMaxAge(Duration.ZERO)
                .tags(Tags.of("client", "nvr1")).build();
        FoscMicrometer metrics = FoscMicrometer.bind(client, registry, options);
        FoscSession session = session(good, FakeCamera.DEFAULT_PASSWORD);
        get(session.connect());
        get(session.videoOn(FoscStream.MAIN));
        FunctionCounter main = counter("fosc.frames.received", "stream", "main");
        await(() -> main.count() >= 3, () -> registry.getMetersAsString());
        FoscSession refused = session(locked, "wrong");
        assertTrue(refused.connect().handle((v, e) -> e).get(WAIT.toMillis(), TimeUnit.MILLISECONDS) != null);
        get(session.close());

        assertEquals(List.of(), withTag("camera"), registry.getMetersAsString());
        assertEquals(client.stats().totals().mainVideoFrames(), main.count(), "the ended session's frames stay");
        assertEquals(session.stats().mainVideoBytes(), counter("fosc.bytes.received", "stream", "main").count());
        assertEquals(1.0, counter("fosc.login.failures", "reason", "refused").count());
        assertEquals(0.0, counter("fosc.login.failures", "reason", "no_reply").count());
        assertEquals(1.0, counter("fosc.sessions.ended", "state", "failed").count());
        assertEquals(1.0, counter("fosc.sessions.ended", "state", "closed").count());
        for (Meter m : registry.getMeters()) {
            assertEquals("nvr1", m.getId().getTag("client"), "the options' tags on " + m.getId());
        }
        metrics.close();
        assertEquals(List.of(), registry.getMeters(), "close() removes every meter");
    }

    @Test
    void everyNameIsUnderFoscWithOneSetOfTagKeysAndADescription() throws Exception {
        FakeCamera camera = camera(FakeCamera.builder());
        FoscMicrometer.bind(client, registry, FRESH);
        session(camera, FakeCamera.DEFAULT_PASSWORD);
        Map<String, Set<Set<String>>> keys = new HashMap<>();
        for (Meter m : registry.getMeters()) {
            assertTrue(m.getId().getName().startsWith("fosc."), m.getId().toString());
            assertNotNull(m.getId().getDescription(), m.getId().toString());
            Set<String> tagKeys = new HashSet<>();
            for (Tag t : m.getId().getTags()) {
                tagKeys.add(t.getKey());
            }
            keys.computeIfAbsent(m.getId().getName(), n -> new HashSet<>()).add(tagKeys);
        }
        keys.forEach((name, sets) -> assertEquals(1, sets.size(), name + " has tag key sets " + sets));
        assertEquals(Set.of(Set.of("camera", "stream")), keys.get("fosc.frames.received"));
        assertEquals(Set.of(Set.of("camera", "reason")), keys.get("fosc.login.failures"));
        assertEquals(Set.of(Set.of("state")), keys.get("fosc.sessions"));
        assertEquals(FoscSessionState.values().length, registry.find("fosc.sessions").gauges().size());
        assertEquals(Set.of(Set.of()), keys.get("fosc.buffered.bytes"), "client-level: no camera tag");
    }

    @Test
    void aBinderBindsOnceAndNotAfterClose() {
        FoscMicrometer metrics = new FoscMicrometer(client, FoscMeterOptions.DEFAULT);
        metrics.bindTo(registry);
        assertThrows(IllegalStateException.class, () -> metrics.bindTo(new SimpleMeterRegistry()));
        metrics.close();
        metrics.close(); // idempotent
        assertFalse(registry.getMeters().iterator().hasNext());
        assertThrows(IllegalStateException.class, () -> metrics.bindTo(registry), "closed");
        assertFalse(registry.getMeters().iterator().hasNext());
    }
}
