package dev.fosc.client;

import dev.fosc.codec.FoscLoginCheck;
import dev.fosc.codec.FoscLoginCheckReply;
import dev.fosc.codec.FoscLoginReply;
import dev.fosc.codec.FoscSpeakerOff;
import dev.fosc.codec.FoscSpeakerOffReply;
import dev.fosc.codec.FoscSpeakerOn;
import dev.fosc.codec.FoscSpeakerOnReply;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.fosc.client.FoscSessionIT.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A camera that reports the login lost (LOGIN_CHECK_REPLY 1) mid-talk: the speaker grant went with the login, so
 * the talk ends as interrupted instead of sending audio the camera would not play; the session logs in again on
 * the same connection.
 */
class FoscTalkLoginLostIT {

    @Test
    void aLostLoginInterruptsTheTalk() throws Exception {
        AtomicBoolean armed = new AtomicBoolean();
        AtomicBoolean reported = new AtomicBoolean();
        try (ScriptedCamera camera = new ScriptedCamera((ctx, login, n) ->
                ctx.writeAndFlush(FoscLoginReply.accepted(List.of(), List.of(), "CAM")), (ctx, msg, n) -> {
                    if (msg instanceof FoscSpeakerOn) {
                        ctx.writeAndFlush(new FoscSpeakerOnReply(0));
                    } else if (msg instanceof FoscSpeakerOff) {
                        ctx.writeAndFlush(new FoscSpeakerOffReply(0));
                    } else if (msg instanceof FoscLoginCheck) {
                        boolean lost = armed.get() && reported.compareAndSet(false, true);
                        ctx.writeAndFlush(new FoscLoginCheckReply(lost ? 1 : 0));
                    }
                }); FoscClient client = FoscClient.builder().threads(1).build()) {
            FoscSession session = client.newSession(camera.options().keepaliveInterval(Duration.ofMillis(50))
                    .build(), null);
            get(session.connect());
            FoscTalk talk = get(session.openTalk());
            armed.set(true);
            ExecutionException e = assertThrows(ExecutionException.class, () -> get(talk.completion()));
            assertInstanceOf(FoscTalkInterruptedException.class, e.getCause());
            assertTrue(e.getCause().getMessage().contains("reported the login lost"), e.getCause().getMessage());
            RecordingListener.await(() -> camera.count("LOGIN") == 2, FoscSessionIT.WAIT,
                    () -> "no second LOGIN on the same connection");
            RecordingListener.await(() -> session.state() == FoscSessionState.CONNECTED, FoscSessionIT.WAIT,
                    session::toString);
            FoscTalk next = get(session.openTalk()); // a new talk after the new login
            assertEquals(2, camera.count("SPEAKER_ON"));
            get(next.close());
            get(session.close());
        }
    }
}
