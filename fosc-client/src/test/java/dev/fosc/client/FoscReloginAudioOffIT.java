package dev.fosc.client;

import dev.fosc.codec.FoscAudioOn;
import dev.fosc.codec.FoscAudioOnReply;
import dev.fosc.codec.FoscLoginCheck;
import dev.fosc.codec.FoscLoginCheckReply;
import dev.fosc.codec.FoscLoginReply;
import io.netty.channel.ChannelHandlerContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.fosc.client.FoscSessionIT.WAIT;
import static dev.fosc.client.FoscSessionIT.get;
import static dev.fosc.client.RecordingListener.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * audioOff() while the session logs in again on the same connection (LOGIN_CHECK_REPLY 1): the camera may still
 * be sending audio there, so AUDIO_OFF must go out once the login is back, not be forgotten.
 */
class FoscReloginAudioOffIT {

    @Test
    void audioOffDuringAReloginIsSentOnceLoggedInAgain() throws Exception {
        CompletableFuture<ChannelHandlerContext> secondLogin = new CompletableFuture<>();
        AtomicBoolean armed = new AtomicBoolean();
        AtomicBoolean reported = new AtomicBoolean();
        try (ScriptedCamera camera = new ScriptedCamera((ctx, login, n) -> {
            if (n == 0) {
                ctx.writeAndFlush(FoscLoginReply.accepted(List.of(), List.of(), "CAM"));
            } else {
                secondLogin.complete(ctx); // answered when the test says so
            }
        }, (ctx, msg, n) -> {
            if (msg instanceof FoscAudioOn) {
                ctx.writeAndFlush(new FoscAudioOnReply(0));
            } else if (msg instanceof FoscLoginCheck) {
                // the first keepalive after AUDIO_ON reports the login lost; the others are fine
                boolean lost = armed.get() && reported.compareAndSet(false, true);
                ctx.writeAndFlush(new FoscLoginCheckReply(lost ? 1 : 0));
            }
        }); FoscClient client = FoscClient.builder().threads(1).build()) {
            RecordingListener rec = new RecordingListener();
            FoscSession session = client.newSession(camera.options().keepaliveInterval(Duration.ofMillis(50))
                    .build(), rec);
            get(session.connect());
            get(session.audioOn());
            armed.set(true);
            ChannelHandlerContext ctx = get(secondLogin); // the client sent LOGIN again
            assertEquals(FoscSessionState.LOGGING_IN, session.state());

            CompletableFuture<Void> off = session.audioOff();
            session.eventLoop().submit(() -> { }).get(); // the loop has taken the audioOff in, still logging in
            assertEquals(0, camera.count("AUDIO_OFF"));
            ctx.writeAndFlush(FoscLoginReply.accepted(List.of(), List.of(), "CAM"));
            get(off);
            await(() -> camera.count("AUDIO_OFF") == 1, WAIT, () -> "AUDIO_OFF never sent; " + camera.count("LOGIN") + " LOGINs received");
            assertEquals(FoscSessionState.CONNECTED, session.state());
            assertEquals(1, camera.count("AUDIO_ON"), "audio is not turned on again");
            assertFalse(rec.states().contains(FoscSessionState.RECONNECTING), "all on the same connection");
            get(session.close());
        }
    }
}
