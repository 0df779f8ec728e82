package dev.fosc.client;

import dev.fosc.codec.FoscLoginReply;
import dev.fosc.codec.FoscMediaHeader;
import dev.fosc.codec.FoscVideoData;
import dev.fosc.codec.FoscVideoOn;
import dev.fosc.codec.FoscVideoOnReply;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.fosc.client.FoscSessionIT.WAIT;
import static dev.fosc.client.FoscSessionIT.get;
import static dev.fosc.client.RecordingListener.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A VIDEO_ON the camera never answers (or answers without sending video), on a connection that stays open: the
 * session asks again on the same connection, then reconnects. Before, no video ever came until some other fault
 * reconnected the session.
 */
class FoscLostVideoOnIT {

    @RegisterExtension
    static final SharedClient SHARED = new SharedClient(1);
    private static final FoscClient CLIENT = SHARED.client();

    private static FoscSession session(ScriptedCamera camera) {
        return CLIENT.newSession(camera.options().profile(FoscCameraProfile.FI9821W_V2)
                .requestTimeout(Duration.ofMillis(200)).mediaRetryDelay(Duration.ofMillis(50)).mediaRetries(2)
                .mediaStartTimeout(Duration.ofMillis(200)).reconnectPolicy(FoscReconnectPolicy.builder()
                        .initialDelay(Duration.ofMillis(5)).maxDelay(Duration.ofMillis(10))
                        .minLoginInterval(Duration.ZERO).build()).build());
    }

    @Test
    void anUnansweredVideoOnIsSentAgainThenTheSessionReconnects() throws Exception {
        try (ScriptedCamera camera = new ScriptedCamera(
                (ctx, login, n) -> ctx.writeAndFlush(FoscLoginReply.accepted(List.of(), List.of(), "CAM")),
                (ctx, msg, n) -> { })) { // VIDEO_ON is never answered
            FoscSession session = session(camera);
            get(session.connect());
            session.videoOn(FoscStream.MAIN);
            await(() -> camera.connections.get() >= 2 && camera.count("VIDEO_ON") >= 4, WAIT,
                    () -> camera.connections.get() + " connections, received " + camera.received);
            assertEquals(List.of("LOGIN", "VIDEO_ON", "VIDEO_ON", "VIDEO_ON", "LOGIN"),
                    camera.received.stream().filter(c -> !c.equals("LOGIN_CHECK")).toList().subList(0, 5),
                    "three VIDEO_ONs on the first connection (1 + 2 retries), then a reconnect");
            session.close().get(5, TimeUnit.SECONDS);
        }
    }

    /**
     * An R2C answers VIDEO_ON with byte 0 with status 0 and sends no video (docs/protocol.md §2); an AUTO session used
     * to
     * settle byte 0 on that acceptance and never got video. The silence now teaches it byte 1.
     */
    @Test
    void anAutoSessionLearnsByteOneFromAnAcceptedButSilentByteZero() throws Exception {
        try (ScriptedCamera camera = new ScriptedCamera(
                (ctx, login, n) -> ctx.writeAndFlush(FoscLoginReply.accepted(List.of(), List.of(), "R2C")),
                (ctx, msg, n) -> {
                    if (msg instanceof FoscVideoOn on) {
                        ctx.write(new FoscVideoOnReply(0));
                        if (on.stream() == 1) {
                            ctx.write(new FoscVideoData(FoscMediaHeader.video(n, true, 640, 360, 25, 1000),
                                    Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 1, 0x65, 1})));
                        }
                        ctx.flush();
                    }
                })) {
            RecordingListener rec = new RecordingListener();
            FoscSession session = CLIENT.newSession(camera.options().requestTimeout(Duration.ofMillis(200))
                    .mediaRetryDelay(Duration.ofMillis(50)).mediaStartTimeout(Duration.ofMillis(200)).build(), rec);
            get(session.connect());
            get(session.videoOn(FoscStream.MAIN));
            await(() -> rec.videoFrames.get() >= 1, WAIT, () -> "received " + camera.received);
            assertEquals(1, session.quirks().videoOnStreamByte());
            assertTrue(session.quirks().videoOnStreamByteLearned());
            assertEquals(1, camera.connections.get());
            session.close().get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void anAcceptedVideoOnWithoutVideoIsAskedAgain() throws Exception {
        try (ScriptedCamera camera = new ScriptedCamera(
                (ctx, login, n) -> ctx.writeAndFlush(FoscLoginReply.accepted(List.of(), List.of(), "CAM")),
                (ctx, msg, n) -> {
                    if (msg instanceof FoscVideoOn) {
                        ctx.writeAndFlush(new FoscVideoOnReply(0)); // ...and no video, as an R2C with byte 0
                    }
                })) {
            FoscSession session = session(camera);
            get(session.connect());
            get(session.videoOn(FoscStream.MAIN));
            await(() -> camera.count("VIDEO_ON") >= 2, WAIT, () -> "received " + camera.received);
            assertEquals(1, camera.connections.get(), "asked again on the same connection");
            session.close().get(5, TimeUnit.SECONDS);
        }
    }
}
