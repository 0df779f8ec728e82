package dev.fosc.client;

import dev.fosc.codec.FoscCredentials;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sessions whose event loop is gone: after {@link FoscClient#close()}, or when the application shuts down a group
 * it shared. Nothing may throw {@code RejectedExecutionException}; close stays idempotent.
 */
class FoscSessionAfterShutdownTest {

    private static FoscSessionOptions options() {
        return FoscSessionOptions.builder("127.0.0.1", FoscCredentials.of("admin", "pw")).port(9).build();
    }

    @Test
    void closeAfterTheClientClosedReturnsTheCompletedCloseFuture() throws Exception {
        FoscClient client = FoscClient.builder().threads(1).build();
        FoscSession session = client.newSession(options());
        client.close();
        assertEquals(FoscSessionState.CLOSED, session.state());
        CompletableFuture<Void> first = session.close();
        assertTrue(first.isDone());
        first.get(); // completed normally
        assertSame(first, session.close(), "idempotent");
        assertThrows(FoscSessionClosedException.class, session::connect, "use after close: thrown at once");
    }

    @Test
    void whenASharedGroupIsShutDownUnderASessionItsCallsFailWithSessionClosed() throws Exception {
        EventLoopGroup shared = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        FoscClient client = FoscClient.builder().eventLoopGroup(shared).build();
        FoscSession session = client.newSession(options());
        shared.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();

        for (CompletableFuture<?> f : java.util.List.of(session.connect(), session.videoOn(FoscStream.MAIN),
                session.audioOn(), session.audioOff())) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
            assertInstanceOf(FoscSessionClosedException.class, e.getCause());
            assertTrue(e.getCause().getMessage().contains("event loop"), e.getCause().getMessage());
        }

        FlowRecorder<FoscVideoFrame> video = new FlowRecorder<>(f -> "frame");
        session.videoFrames().subscribe(video);
        assertInstanceOf(FoscSessionClosedException.class, video.error, "onError at once, after onSubscribe");
        video.request(1); // a no-op, no exception

        CompletableFuture<Void> closed = session.close();
        assertTrue(closed.isDone());
        closed.get();
        assertEquals(FoscSessionState.CLOSED, session.state());
        assertFalse(client.sessions().contains(session));
        client.close(); // nothing left to do, and no exception
    }
}
