package dev.fosc.client;

import dev.fosc.testkit.FakeCamera;
import dev.fosc.testkit.FakeCameraProfile;
import dev.fosc.testkit.FakeFault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static dev.fosc.client.FoscSessionIT.PASSWORD;
import static dev.fosc.client.FoscSessionIT.WAIT;
import static dev.fosc.client.FoscSessionIT.get;
import static dev.fosc.client.FoscSessionIT.options;
import static dev.fosc.client.RecordingListener.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A flapping camera with a login rate limit (docs/protocol.md §6: back-to-back logins are refused exactly like a bad
 * password): the right password must never end the session, however often the connection drops.
 */
class FoscFlappingReloginIT {

    @RegisterExtension
    static final SharedClient SHARED = new SharedClient(1);
    private static final FoscClient CLIENT = SHARED.client();
    /** The current test's camera (closed by {@link #SHARED} after it). */
    private FakeCamera camera;

    private static void resetAndAwaitVideo(FakeCamera camera, FoscSession session, RecordingListener rec) {
        int frames = rec.videoFrames.get();
        int logins = camera.loginCount();
        camera.inject(FakeFault.reset());
        await(() -> camera.loginCount() > logins && rec.videoFrames.get() > frames + 2
                || session.state().isTerminal(), WAIT, () -> session.state() + " " + rec.changes);
        assertFalse(session.state().isTerminal(), "the right password ended the session: " + rec.changes);
    }

    private FoscSession session(FoscReconnectPolicy.Builder policy, RecordingListener rec) {
        return CLIENT.newSession(options(camera, FoscCameraProfile.FI9821W_V2, PASSWORD)
                .reconnectPolicy(policy.initialDelay(Duration.ofMillis(5)).maxDelay(Duration.ofMillis(10)).build())
                .build(), rec);
    }

    private static void streaming(FoscSession session, RecordingListener rec) throws Exception {
        get(session.connect());
        get(session.videoOn(FoscStream.MAIN));
        await(() -> rec.videoFrames.get() >= 3, WAIT, () -> "no video");
    }

    /**
     * The camera refuses logins less than 300 ms after the previous attempt; the session waits only 50 ms between
     * logins, so its re-logins after each reset are refused: it must go CREDENTIALS_SUSPECT, wait its catalogue and
     * log in again, never FAILED (before the fix the second reset ended it with "bad user or password").
     */
    @Test
    void twoResetsOfARateLimitedCameraNeverFailTheSession() throws Exception {
        camera = SHARED.camera(FakeCamera.builder().profile(FakeCameraProfile.FI9821W_V2).password(PASSWORD)
                .loginRateLimit(Duration.ofMillis(300)));
        RecordingListener rec = new RecordingListener();
        FoscSession session = session(FoscReconnectPolicy.builder().minLoginInterval(Duration.ofMillis(50))
                .credentialsSuspectDelays(List.of(Duration.ofMillis(100), Duration.ofMillis(400))), rec);
        streaming(session, rec);
        resetAndAwaitVideo(camera, session, rec);
        resetAndAwaitVideo(camera, session, rec);
        resetAndAwaitVideo(camera, session, rec);
        List<RecordingListener.Change> suspect = rec.changes.stream()
                .filter(c -> c.to() == FoscSessionState.CREDENTIALS_SUSPECT).toList();
        assertEquals(camera.refusedLoginCount(), suspect.size(), rec.changes.toString());
        assertTrue(suspect.size() >= 3, "each reset's first re-login is refused by the rate limit: " + rec.changes);
        for (RecordingListener.Change c : suspect) {
            FoscAuthenticationException auth = assertInstanceOf(FoscAuthenticationException.class, c.cause());
            assertTrue(auth.getMessage().contains("credentials suspect"), auth.getMessage());
            assertFalse(auth.getMessage().contains(PASSWORD), auth.getMessage());
        }
        assertEquals(FoscSessionState.CONNECTED, session.state());
    }

    /** The root of the flapping: with the minimum login interval above the camera's limit, no login is refused. */
    @Test
    void reloginsNeverComeFasterThanTheMinimumLoginInterval() throws Exception {
        camera = SHARED.camera(FakeCamera.builder().profile(FakeCameraProfile.FI9821W_V2).password(PASSWORD)
                .loginRateLimit(Duration.ofMillis(200)));
        RecordingListener rec = new RecordingListener();
        FoscSession session = session(FoscReconnectPolicy.builder().minLoginInterval(Duration.ofMillis(300)), rec);
        streaming(session, rec);
        resetAndAwaitVideo(camera, session, rec);
        resetAndAwaitVideo(camera, session, rec);
        assertEquals(0, camera.refusedLoginCount(), rec.changes.toString());
        assertEquals(3, camera.loginCount());
    }
}
