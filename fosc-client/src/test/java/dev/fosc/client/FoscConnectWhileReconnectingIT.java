package dev.fosc.client;

import dev.fosc.codec.FoscLoginReply;
import io.netty.channel.ChannelHandlerContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static dev.fosc.client.FoscSessionIT.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** connect() called while the session reconnects waits for the next login instead of reporting the last one. */
class FoscConnectWhileReconnectingIT {

    @Test
    void connectDuringAReconnectCompletesWithTheNextLogin() throws Exception {
        CompletableFuture<ChannelHandlerContext> firstLogin = new CompletableFuture<>();
        CompletableFuture<ChannelHandlerContext> secondLogin = new CompletableFuture<>();
        try (ScriptedCamera camera = new ScriptedCamera((ctx, login, n) -> {
            if (n == 0) {
                ctx.writeAndFlush(FoscLoginReply.accepted(List.of("old"), List.of(), "FIRST"));
                firstLogin.complete(ctx);
            } else {
                secondLogin.complete(ctx); // answered when the test says so
            }
        }, null); FoscClient client = FoscClient.builder().threads(1).build()) {
            RecordingListener rec = new RecordingListener();
            FoscSession session = client.newSession(camera.options().reconnectPolicy(FoscReconnectPolicy.builder()
                    .initialDelay(Duration.ofMillis(5)).maxDelay(Duration.ofMillis(10)).minLoginInterval(Duration.ZERO).build()).build(), rec);
            assertEquals("FIRST", get(session.connect()).cameraId());
            get(firstLogin).close(); // the camera drops the connection
            ChannelHandlerContext ctx = get(secondLogin); // reconnected, LOGIN sent, no answer yet
            assertNotEquals(FoscSessionState.CONNECTED, session.state());

            CompletableFuture<FoscLoginInfo> again = session.connect();
            session.eventLoop().submit(() -> { }).get(); // the loop has handled it
            assertFalse(again.isDone(), "the old login's info is stale");
            ctx.writeAndFlush(FoscLoginReply.accepted(List.of("new"), List.of(), "SECOND"));
            FoscLoginInfo info = get(again);
            assertEquals("SECOND", info.cameraId());
            assertEquals(List.of("new"), info.presets());
            assertEquals("SECOND", get(session.connect()).cameraId(), "connected: at once, the current info");
            get(session.close());
        }
    }
}
