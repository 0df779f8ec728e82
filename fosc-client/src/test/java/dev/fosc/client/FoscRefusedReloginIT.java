package dev.fosc.client;

import dev.fosc.codec.FoscLoginReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.fosc.client.FoscSessionIT.WAIT;
import static dev.fosc.client.FoscSessionIT.get;
import static dev.fosc.client.RecordingListener.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * A camera whose password changed during the session: it accepted the first login, drops the connection, and
 * refuses every later login with "bad credentials". Each retry is one more wrong login (cameras can lock
 * themselves after a few), so the session retries at most once, and only when the accepted login was recent.
 */
class FoscRefusedReloginIT {

    private static final Duration RATE_LIMITED_DELAY = Duration.ofMillis(250);
    private static FoscClient client;

    @BeforeAll
    static void startClient() {
        client = FoscClient.builder().threads(1).build();
    }

    @AfterAll
    static void stopClient() {
        client.close();
    }

    /** Accepts login 0 and drops it after {@code dropAfterMillis}; refuses every later login with result 1. */
    private static ScriptedCamera passwordChangedAfterFirstLogin(long dropAfterMillis) throws InterruptedException {
        return new ScriptedCamera((ctx, login, n) -> {
            if (n == 0) {
                ctx.writeAndFlush(FoscLoginReply.accepted(List.of(), List.of(), "CAM"));
                ScriptedCamera.closeLater(ctx, dropAfterMillis);
            } else {
                ctx.writeAndFlush(FoscLoginReply.refused(FoscLoginReply.RESULT_BAD_CREDENTIALS));
            }
        }, null);
    }

    private static FoscSession session(ScriptedCamera camera, RecordingListener rec) {
        return client.newSession(camera.options().reconnectPolicy(FoscReconnectPolicy.builder()
                .initialDelay(Duration.ofMillis(5)).maxDelay(Duration.ofMillis(10))
                .rateLimitedDelay(RATE_LIMITED_DELAY).build()).build(), rec);
    }

    private static void awaitFailed(FoscSession session, RecordingListener rec, ScriptedCamera camera)
            throws InterruptedException {
        await(() -> rec.states().contains(FoscSessionState.FAILED), WAIT, // the listener has seen it
                () -> camera.logins.get() + " logins: " + rec.changes);
        FoscAuthenticationException auth = assertInstanceOf(FoscAuthenticationException.class,
                rec.changes.get(rec.changes.size() - 1).cause());
        assertFalse(auth instanceof FoscLoginRateLimitedException);
        TimeUnit.MILLISECONDS.sleep(3 * RATE_LIMITED_DELAY.toMillis()); // a retry would show by now
    }

    @Test
    void aRefusalSoonAfterAnAcceptedLoginIsRetriedOnceOnly() throws Exception {
        try (ScriptedCamera camera = passwordChangedAfterFirstLogin(20)) {
            RecordingListener rec = new RecordingListener();
            FoscSession session = session(camera, rec);
            get(session.connect());
            awaitFailed(session, rec, camera);
            assertEquals(3, camera.logins.get(), "the accepted login, one refusal taken as rate limiting, one more");
            assertEquals(1, rec.changes.stream().filter(c -> c.cause() instanceof FoscLoginRateLimitedException)
                    .count(), rec.changes.toString());
        }
    }

    @Test
    void aRefusalLongAfterTheAcceptedLoginIsAChangedPasswordAndNotRetried() throws Exception {
        // the connection lasts 4 x the rate-limited delay: longer than the 2 x window in which a refusal can be
        // rate limiting
        try (ScriptedCamera camera = passwordChangedAfterFirstLogin(4 * RATE_LIMITED_DELAY.toMillis())) {
            RecordingListener rec = new RecordingListener();
            FoscSession session = session(camera, rec);
            get(session.connect());
            awaitFailed(session, rec, camera);
            assertEquals(2, camera.logins.get(), "one wrong login, no retry");
        }
    }
}
