package dev.fosc.client;

import dev.fosc.codec.FoscCommand;
import dev.fosc.codec.FoscLoginReply;
import dev.fosc.codec.FoscMalformedPayloadException;
import dev.fosc.codec.FoscVideoOn;
import dev.fosc.codec.FoscVideoOnReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.fosc.client.FoscSessionIT.WAIT;
import static dev.fosc.client.FoscSessionIT.get;
import static dev.fosc.client.RecordingListener.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replies whose payload cannot be decoded (docs/protocol.md §3: a LOGIN_REPLY shorter than 4 bytes means "not logged
 * in"): a typed error on that request, never a timeout followed by a reconnect loop.
 */
class FoscMalformedRepliesIT {

    private static final byte[] TWO_BYTES = {1, 0};
    @RegisterExtension
    static final SharedClient SHARED = new SharedClient(1);
    private static final FoscClient CLIENT = SHARED.client();

    /** Fast retries and timeouts: a reconnect loop would show many logins within the test. */
    private static FoscReconnectPolicy fastRetries() {
        return FoscReconnectPolicy.builder().initialDelay(Duration.ofMillis(10)).maxDelay(Duration.ofMillis(50))
                .retryFirstConnect(true).build();
    }

    @Test
    void aTwoByteLoginReplyToAReloginIsARefusalThatLeavesTheSessionRetryingAsCredentialsSuspect() throws Exception {
        // the first login is accepted and dropped; every later LOGIN gets a 2-byte LOGIN_REPLY
        try (ScriptedCamera camera = new ScriptedCamera((ctx, login, n) -> {
            if (n == 0) {
                ctx.writeAndFlush(FoscLoginReply.accepted(List.of(), List.of(), "CAM"));
                ScriptedCamera.closeLater(ctx, 50);
            } else {
                ScriptedCamera.writeRaw(ctx, (int) FoscCommand.LOGIN_REPLY.id(), TWO_BYTES);
            }
        }, null)) {
            RecordingListener rec = new RecordingListener();
            FoscSession session = CLIENT.newSession(camera.options().requestTimeout(Duration.ofMillis(200))
                    .reconnectPolicy(fastRetries().toBuilder().minLoginInterval(Duration.ZERO)
                            .credentialsSuspectDelays(List.of(Duration.ofMillis(300))).build()).build(), rec);
            get(session.connect());
            await(() -> rec.states().contains(FoscSessionState.CREDENTIALS_SUSPECT), WAIT,
                    () -> camera.logins.get() + " logins: " + rec.changes);
            RecordingListener.Change suspect = rec.changes.stream()
                    .filter(c -> c.to() == FoscSessionState.CREDENTIALS_SUSPECT).findFirst().orElseThrow();
            FoscAuthenticationException auth = assertInstanceOf(FoscAuthenticationException.class, suspect.cause());
            assertInstanceOf(FoscMalformedPayloadException.class, auth.getCause());
            assertTrue(auth.getMessage().contains("malformed LOGIN_REPLY"), auth.getMessage());
            TimeUnit.MILLISECONDS.sleep(100); // the backoff (10..50 ms) would have retried by now, the catalogue not
            assertEquals(2, camera.logins.get(), "the next login waits the credentials-suspect delay");
            await(() -> camera.logins.get() >= 3, WAIT, () -> "no retry after the credentials-suspect delay");
            assertFalse(rec.states().contains(FoscSessionState.FAILED), rec.changes.toString());
        }
    }

    @Test
    void aTwoByteReplyToTheFirstLoginFailsTheConnectAtOnce() throws Exception {
        try (ScriptedCamera camera = new ScriptedCamera((ctx, login, n) ->
                ScriptedCamera.writeRaw(ctx, (int) FoscCommand.LOGIN_REPLY.id(), TWO_BYTES), null)) {
            FoscSession session = CLIENT.newSession(camera.options().requestTimeout(Duration.ofSeconds(30))
                    .reconnectPolicy(fastRetries()).build());
            // the request timeout is 30 s: the failure comes from the reply, not from a timeout
            ExecutionException e = assertThrows(ExecutionException.class, () -> get(session.connect()));
            assertInstanceOf(FoscAuthenticationException.class, e.getCause());
            assertEquals(FoscSessionState.FAILED, session.state());
            assertEquals(1, camera.logins.get());
        }
    }

    @Test
    void aMalformedVideoOnReplyFailsThatRequestWithATypedErrorAndTheSessionGoesOn() throws Exception {
        AtomicInteger videoOns = new AtomicInteger();
        try (ScriptedCamera camera = new ScriptedCamera(
                (ctx, login, n) -> ctx.writeAndFlush(FoscLoginReply.accepted(List.of(), List.of(), "CAM")),
                (ctx, msg, n) -> {
                    if (msg instanceof FoscVideoOn) {
                        if (videoOns.getAndIncrement() == 0) {
                            ScriptedCamera.writeRaw(ctx, (int) FoscCommand.VIDEO_ON_REPLY.id(), new byte[] {0});
                        } else {
                            ctx.writeAndFlush(new FoscVideoOnReply(0));
                        }
                    }
                })) {
            RecordingListener rec = new RecordingListener();
            FoscSession session = CLIENT.newSession(camera.options().requestTimeout(Duration.ofSeconds(30)).build(),
                    rec);
            get(session.connect());
            ExecutionException e = assertThrows(ExecutionException.class, () -> get(session.videoOn(FoscStream.MAIN)));
            assertInstanceOf(FoscMalformedPayloadException.class, e.getCause());
            assertEquals(FoscSessionState.CONNECTED, session.state(), "the connection stays open");
            get(session.videoOn(FoscStream.SUB));
            assertEquals(1, camera.connections.get());
            assertTrue(session.stats().invalidMessages() >= 1, session.stats().toString());
            get(session.close());
        }
    }
}
