package dev.fosc.client;

import dev.fosc.codec.FoscCredentials;
import dev.fosc.testkit.FakeCamera;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static dev.fosc.client.FoscSessionIT.WAIT;
import static dev.fosc.client.FoscSessionIT.get;
import static dev.fosc.client.RecordingListener.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The session's and the client's counters against FakeCamera: frames and bytes by stream, reconnects, sessions by
 * state, the client's totals after a session ended, and the session observers. Each test has its own client so
 * that the client totals are exact.
 */
class FoscStatsIT {

    private FoscClient client;
    private final List<FakeCamera> cameras = new ArrayList<>();

    @BeforeEach
    void startClient() {
        client = FoscClient.builder().threads(1).build();
    }

    @AfterEach
    void stopAll() {
        client.close();
        cameras.forEach(FakeCamera::close);
    }

    private FakeCamera camera() {
        FakeCamera camera = FakeCamera.builder().start();
        cameras.add(camera);
        return camera;
    }

    private static FoscSessionOptions.Builder options(FakeCamera camera) {
        return FoscSessionOptions.builder(camera.host(), FoscCredentials.of(FakeCamera.DEFAULT_USER,
                        FakeCamera.DEFAULT_PASSWORD)).port(camera.port()).requestTimeout(Duration.ofSeconds(3))
                .reconnectPolicy(FoscReconnectPolicy.builder().initialDelay(Duration.ofMillis(5))
                        .maxDelay(Duration.ofMillis(50)).minLoginInterval(Duration.ZERO).build());
    }

    /** Counts what the application was handed, for comparison with the session's counters. */
    private static final class Tally implements FoscSessionListener {
        final AtomicLong mainFrames = new AtomicLong();
        final AtomicLong subFrames = new AtomicLong();
        final AtomicLong mainBytes = new AtomicLong();
        final AtomicLong subBytes = new AtomicLong();
        final AtomicLong audioFrames = new AtomicLong();
        final AtomicLong audioBytes = new AtomicLong();

        @Override
        public void onVideoFrame(FoscSession session, FoscVideoFrame frame) {
            boolean sub = frame.stream() == FoscStream.SUB;
            (sub ? subFrames : mainFrames).incrementAndGet();
            (sub ? subBytes : mainBytes).addAndGet(frame.data().readableBytes());
        }

        @Override
        public void onAudioFrame(FoscSession session, FoscAudioFrame frame) {
            audioFrames.incrementAndGet();
            audioBytes.addAndGet(frame.original().readableBytes());
        }
    }

    @Test
    void framesAndBytesAreCountedByStreamAndSurviveTheSessionInTheClientTotals() throws Exception {
        FakeCamera camera = camera();
        Tally tally = new Tally();
        FoscSession session = client.newSession(options(camera).build(), tally);
        get(session.connect());
        get(session.videoOn(FoscStream.MAIN));
        get(session.audioOn());
        await(() -> tally.mainFrames.get() >= 5 && tally.audioFrames.get() >= 3, WAIT,
                () -> session.stats().toString());
        get(session.videoOn(FoscStream.SUB));
        await(() -> tally.subFrames.get() >= 3, WAIT, () -> session.stats().toString());
        FoscClientStats before = client.stats();
        get(session.close());

        FoscSessionStats s = session.stats();
        assertEquals(tally.mainFrames.get(), s.mainVideoFrames(), s.toString());
        assertEquals(tally.subFrames.get(), s.subVideoFrames(), s.toString());
        assertEquals(s.mainVideoFrames() + s.subVideoFrames(), s.videoFrames());
        assertEquals(tally.mainBytes.get(), s.mainVideoBytes(), "main stream payload bytes");
        assertEquals(tally.subBytes.get(), s.subVideoBytes(), "sub stream payload bytes");
        assertEquals(tally.audioFrames.get(), s.audioFrames());
        assertEquals(tally.audioBytes.get(), s.audioBytes(), "audio payload bytes as received");
        assertTrue(s.videoBytes() > s.videoFrames() * 100, "real frames are larger than 100 bytes: " + s);
        assertEquals(1, s.logins());
        assertEquals(0, s.loginFailures());

        FoscClientStats after = client.stats();
        assertEquals(s, after.totals(), "the ended session's counters stay in the client's totals");
        assertTrue(after.totals().videoFrames() >= before.totals().videoFrames(), before + " then " + after);
        assertEquals(0, after.sessions(), after.toString());
        assertEquals(1, after.sessionsClosed());
        assertEquals(0, after.sessionsFailed());
    }

    @Test
    void clientTotalsNeverGoBackwardsWhileStreamingSessionsEnd() throws Exception {
        List<FoscSession> sessions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            FoscSession session = client.newSession(options(camera()).build());
            get(session.connect());
            get(session.videoOn(FoscStream.MAIN));
            sessions.add(session);
        }
        await(() -> client.stats().totals().videoFrames() >= 20, WAIT, () -> client.stats().toString());
        CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> {
            for (FoscSession s : sessions) {
                s.close().join();
            }
        });
        long last = 0;
        long reads = 0;
        while (!closing.isDone() || reads < 1000) {
            long now = client.stats().totals().videoFrames();
            assertTrue(now >= last, "went back from " + last + " to " + now + " after " + reads + " reads");
            last = now;
            reads++;
        }
        get(closing);
        long sum = 0;
        for (FoscSession s : sessions) {
            sum += s.stats().videoFrames();
        }
        assertEquals(sum, client.stats().totals().videoFrames(), "every ended session counted once");
    }

    @Test
    void aLostConnectionCountsOneReconnectAndOneMoreLogin() throws Exception {
        FakeCamera camera = camera();
        RecordingListener rec = new RecordingListener();
        FoscSession session = client.newSession(options(camera).build(), rec);
        get(session.connect());
        camera.closeConnections();
        await(() -> session.stats().logins() == 2 && session.state() == FoscSessionState.CONNECTED, WAIT,
                () -> rec.changes + " " + session.stats());
        FoscSessionStats s = session.stats();
        assertEquals(1, s.reconnects(), s.toString());
        assertEquals(0, s.loginFailures(), s.toString());
        assertEquals(1, client.stats().totals().reconnects());
    }

    @Test
    void theClientCountsItsSessionsByState() throws Exception {
        FakeCamera camera = camera();
        FoscSession connected = client.newSession(options(camera).build());
        get(connected.connect());
        client.newSession(options(camera).build()); // never connected
        FakeCamera gone = camera();
        FoscSession disconnected = client.newSession(options(gone).reconnectPolicy(FoscReconnectPolicy.builder()
                .retryFirstConnect(false).build()).build());
        gone.close();
        assertTrue(disconnected.connect().handle((v, e) -> e).get(WAIT.toMillis(), TimeUnit.MILLISECONDS) != null,
                "nothing listens any more");

        FoscClientStats stats = client.stats();
        assertEquals(1, stats.sessions(FoscSessionState.CONNECTED), stats.toString());
        assertEquals(1, stats.sessions(FoscSessionState.NEW), stats.toString());
        assertEquals(1, stats.sessions(FoscSessionState.DISCONNECTED), stats.toString());
        assertEquals(3, stats.sessions());
        assertEquals(FoscSessionState.values().length, stats.sessionsByState().size(), "every state is present");

        get(connected.close());
        stats = client.stats();
        assertEquals(0, stats.sessions(FoscSessionState.CONNECTED), stats.toString());
        assertEquals(2, stats.sessions());
        assertEquals(1, stats.sessionsClosed());
    }

    @Test
    void observersHearOfLiveSessionsAtOnceThenOfEachArrivalAndDeparture() throws Exception {
        FakeCamera camera = camera();
        FoscSession first = client.newSession(options(camera).build());
        List<String> seen = new CopyOnWriteArrayList<>();
        FoscSessionObserver observer = new FoscSessionObserver() {
            @Override
            public void sessionAdded(FoscSession session) {
                seen.add("+" + (session == first ? "first" : "second"));
            }

            @Override
            public void sessionRemoved(FoscSession session) {
                seen.add("-" + (session == first ? "first" : "second"));
            }
        };
        client.addSessionObserver(observer);
        client.addSessionObserver(observer); // no second registration
        assertEquals(List.of("+first"), seen);
        FoscSession second = client.newSession(options(camera).build());
        get(first.close());
        assertEquals(List.of("+first", "+second", "-first"), seen);
        assertTrue(client.removeSessionObserver(observer));
        get(second.close());
        assertEquals(List.of("+first", "+second", "-first"), seen, "a removed observer hears nothing more");
    }
}
