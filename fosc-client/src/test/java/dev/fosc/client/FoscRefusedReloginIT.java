package dev.fosc.client;

import dev.fosc.codec.FoscLoginReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.fosc.client.FoscSessionIT.WAIT;
import static dev.fosc.client.FoscSessionIT.get;
import static dev.fosc.client.RecordingListener.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A camera that refuses re-logins after accepting the first login (its password changed, or its rate limit): the
 * session never fails for it. It goes to CREDENTIALS_SUSPECT and retries on the catalogue's escalating delays, each
 * retry one login only (a changed password must not lock the camera), and logs in again once the camera accepts.
 */
class FoscRefusedReloginIT {

    private static final List<Duration> CATALOGUE = List.of(Duration.ofMillis(100), Duration.ofMillis(200),
            Duration.ofMillis(400));
    @RegisterExtension
    static final SharedClient SHARED = new SharedClient(1);
    private static final FoscClient CLIENT = SHARED.client();

    /** Accepts login 0 (dropped after 20 ms) and every login from {@code acceptFrom} on; refuses those between. */
    private static ScriptedCamera refusesReloginsUntil(int acceptFrom) throws InterruptedException {
        return new ScriptedCamera((ctx, login, n) -> {
            if (n == 0 || n >= acceptFrom) {
                ctx.writeAndFlush(FoscLoginReply.accepted(List.of(), List.of(), "CAM"));
                if (n == 0) {
                    ScriptedCamera.closeLater(ctx, 20);
                }
            } else {
                ctx.writeAndFlush(FoscLoginReply.refused(FoscLoginReply.RESULT_BAD_CREDENTIALS));
            }
        }, null);
    }

    private static FoscSession session(ScriptedCamera camera, RecordingListener rec) {
        return CLIENT.newSession(camera.options().reconnectPolicy(FoscReconnectPolicy.builder()
                .initialDelay(Duration.ofMillis(5)).maxDelay(Duration.ofMillis(10)).minLoginInterval(Duration.ZERO)
                .credentialsSuspectDelays(CATALOGUE).build()).build(), rec);
    }

    @Test
    void refusedReloginsAreRetriedOnTheEscalatingCatalogueAndNeverFailTheSession() throws Exception {
        try (ScriptedCamera camera = refusesReloginsUntil(Integer.MAX_VALUE)) {
            RecordingListener rec = new RecordingListener();
            FoscSession session = session(camera, rec);
            get(session.connect());
            await(() -> camera.logins.get() >= 5, WAIT, () -> camera.logins.get() + " logins: " + rec.changes);
            List<RecordingListener.Change> changes = List.copyOf(rec.changes);
            assertFalse(rec.states().contains(FoscSessionState.FAILED), changes.toString());
            int refusal = 0;
            for (int i = 0; i + 1 < changes.size(); i++) {
                RecordingListener.Change c = changes.get(i);
                if (c.to() != FoscSessionState.CREDENTIALS_SUSPECT) {
                    continue;
                }
                FoscAuthenticationException auth = assertInstanceOf(FoscAuthenticationException.class, c.cause());
                assertTrue(auth.getMessage().contains("credentials suspect"), auth.getMessage());
                Duration expected = CATALOGUE.get(Math.min(refusal++, CATALOGUE.size() - 1));
                RecordingListener.Change next = changes.get(i + 1);
                assertEquals(FoscSessionState.CONNECTING, next.to());
                assertTrue(next.nanos() - c.nanos() >= expected.toNanos(), "refusal " + refusal + " waited "
                        + (next.nanos() - c.nanos()) / 1_000_000 + " ms, less than " + expected + ": " + changes);
            }
            assertTrue(refusal >= 3, changes.toString());
            session.close().get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void onceTheCameraAcceptsAgainTheSessionIsConnectedAndTheCatalogueStartsOver() throws Exception {
        try (ScriptedCamera camera = refusesReloginsUntil(3)) {
            RecordingListener rec = new RecordingListener();
            FoscSession session = session(camera, rec);
            get(session.connect());
            await(() -> camera.logins.get() >= 4 && session.state() == FoscSessionState.CONNECTED, WAIT,
                    () -> camera.logins.get() + " logins: " + rec.changes);
            assertEquals(2, rec.changes.stream().filter(c -> c.to() == FoscSessionState.CREDENTIALS_SUSPECT).count(),
                    rec.changes.toString());
            assertEquals(2, session.stats().logins(), session.stats().toString());
            session.close().get(5, TimeUnit.SECONDS);
        }
    }
}
