package dev.fosc.client;

import dev.fosc.codec.FoscCommand;
import dev.fosc.codec.FoscLoginReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.fosc.client.FoscSessionIT.WAIT;
import static dev.fosc.client.RecordingListener.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Login failures are counted by the session's verdict: refused for good, rate limited, too many users, a malformed
 * reply, no reply. Scripted cameras answer each LOGIN as the case needs.
 */
class FoscLoginFailureStatsIT {

    private static final byte[] TWO_BYTES = {0, 0};
    private FoscClient client;

    @BeforeEach
    void startClient() {
        client = FoscClient.builder().threads(1).build();
    }

    @AfterEach
    void stopClient() {
        client.close();
    }

    private FoscSession session(ScriptedCamera camera) {
        return client.newSession(camera.options().requestTimeout(Duration.ofMillis(300))
                .reconnectPolicy(FoscReconnectPolicy.builder().initialDelay(Duration.ofMillis(5))
                        .maxDelay(Duration.ofMillis(10)).rateLimitedDelay(Duration.ofMillis(50))
                        .minLoginInterval(Duration.ZERO).credentialsSuspectDelays(List.of(Duration.ofMillis(10)))
                        .build()).build());
    }

    /** The stats once {@code session} reached {@code state} and has counted {@code failures} login failures. */
    private static FoscSessionStats awaitStats(FoscSession session, FoscSessionState state, long failures) {
        session.connect(); // its outcome is the state, awaited below
        await(() -> session.state() == state && session.stats().loginFailures() >= failures, WAIT,
                () -> session.state() + " " + session.stats());
        return session.stats();
    }

    @Test
    void aBadPasswordIsCountedAsRefusedAndTheSessionAsFailed() throws Exception {
        try (ScriptedCamera camera = new ScriptedCamera((ctx, login, n) ->
                ctx.writeAndFlush(FoscLoginReply.refused(FoscLoginReply.RESULT_BAD_CREDENTIALS)), null)) {
            FoscSessionStats s = awaitStats(session(camera), FoscSessionState.FAILED, 1);
            assertEquals(1, s.loginsRefused(), s.toString());
            assertEquals(1, s.loginFailures(), s.toString());
            FoscClientStats c = client.stats();
            assertEquals(1, c.totals().loginsRefused(), c.toString());
            assertEquals(1, c.sessionsFailed(), c.toString());
            assertEquals(0, c.sessions(), c.toString());
        }
    }

    @Test
    void tooManyUsersIsCountedAsSuchAndRetried() throws Exception {
        try (ScriptedCamera camera = new ScriptedCamera((ctx, login, n) -> ctx.writeAndFlush(n == 0
                ? FoscLoginReply.refused(FoscLoginReply.RESULT_TOO_MANY_USERS)
                : FoscLoginReply.accepted(List.of(), List.of(), "CAM")), null)) {
            FoscSessionStats s = awaitStats(session(camera), FoscSessionState.CONNECTED, 1);
            assertEquals(1, s.loginsTooManyUsers(), s.toString());
            assertEquals(1, s.loginFailures(), s.toString());
            assertEquals(1, s.logins(), s.toString());
            assertEquals(1, s.reconnects(), s.toString());
        }
    }

    @Test
    void refusedReloginsAfterAnAcceptedLoginAreCountedAsRateLimitedNeverAsRefused() throws Exception {
        try (ScriptedCamera camera = new ScriptedCamera((ctx, login, n) -> {
            if (n == 0) {
                ctx.writeAndFlush(FoscLoginReply.accepted(List.of(), List.of(), "CAM"));
                ScriptedCamera.closeLater(ctx, 20);
            } else {
                ctx.writeAndFlush(FoscLoginReply.refused(FoscLoginReply.RESULT_BAD_CREDENTIALS));
            }
        }, null)) {
            FoscSessionStats s = awaitStats(session(camera), FoscSessionState.CREDENTIALS_SUSPECT, 3);
            assertTrue(s.loginsRateLimited() >= 3, s.toString());
            assertEquals(0, s.loginsRefused(), s.toString());
            assertEquals(s.loginsRateLimited(), s.loginFailures(), s.toString());
        }
    }

    @Test
    void aMalformedLoginReplyIsCountedAsMalformed() throws Exception {
        try (ScriptedCamera camera = new ScriptedCamera((ctx, login, n) ->
                ScriptedCamera.writeRaw(ctx, (int) FoscCommand.LOGIN_REPLY.id(), TWO_BYTES), null)) {
            FoscSessionStats s = awaitStats(session(camera), FoscSessionState.FAILED, 1);
            assertEquals(1, s.loginsMalformed(), s.toString());
            assertEquals(1, s.loginFailures(), s.toString());
        }
    }

    @Test
    void aLoginWithoutReplyIsCountedAsUnansweredEachTime() throws Exception {
        try (ScriptedCamera camera = new ScriptedCamera((ctx, login, n) -> {
            if (n >= 2) {
                ctx.writeAndFlush(FoscLoginReply.accepted(List.of(), List.of(), "CAM"));
            } // the first two LOGINs get no answer: the request timeout closes the connection
        }, null)) {
            FoscSession session = client.newSession(camera.options().requestTimeout(Duration.ofMillis(300))
                    .reconnectPolicy(FoscReconnectPolicy.builder().retryFirstConnect(true)
                            .initialDelay(Duration.ofMillis(5)).maxDelay(Duration.ofMillis(10))
                            .minLoginInterval(Duration.ZERO).build()).build());
            FoscSessionStats s = awaitStats(session, FoscSessionState.CONNECTED, 2);
            assertEquals(2, s.loginsUnanswered(), s.toString());
            assertEquals(2, s.loginFailures(), s.toString());
            assertEquals(2, s.reconnects(), s.toString());
            assertEquals(1, s.logins(), s.toString());
        }
    }
}
