package dev.fosc.client;

import dev.fosc.codec.FoscCredentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.fosc.client.FoscSessionIT.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Calls made while a session is not logged in never pile up without limit: each waits at most the wait timeout,
 * at most {@code maxWaitingCalls} wait, and on a session that will not connect again they fail at once.
 */
class FoscWaitingCallsIT {

    private static FoscClient client;
    private static int closedPort;

    @BeforeAll
    static void start() throws Exception {
        client = FoscClient.builder().threads(1).build();
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    private static FoscSessionOptions.Builder unreachable() {
        return FoscSessionOptions.builder("127.0.0.1", FoscCredentials.of("admin", "pw")).port(closedPort);
    }

    private static Throwable cause(CompletableFuture<?> f) {
        return assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS)).getCause();
    }

    @Test
    void videoOnOnADisconnectedSessionFailsAtOnce() throws Exception {
        FoscSession session = client.newSession(unreachable().reconnectPolicy(FoscReconnectPolicy.builder()
                .retryFirstConnect(false).build()).build());
        assertThrows(ExecutionException.class, () -> get(session.connect()));
        assertEquals(FoscSessionState.DISCONNECTED, session.state());
        assertInstanceOf(FoscNotConnectedException.class, cause(session.videoOn(FoscStream.MAIN)));
        assertInstanceOf(FoscNotConnectedException.class, cause(session.audioOn()));
        session.audioOff().get(5, TimeUnit.SECONDS); // no connection: audio is off anyway
        session.close().get(5, TimeUnit.SECONDS);
    }

    @Test
    void callsWhileReconnectingFailAfterTheWaitTimeoutAndBeyondTheBoundAtOnce() throws Exception {
        FoscSession session = client.newSession(unreachable().waitTimeout(Duration.ofMillis(300)).maxWaitingCalls(2)
                .reconnectPolicy(FoscReconnectPolicy.builder().initialDelay(Duration.ofMillis(50))
                        .maxDelay(Duration.ofMillis(100)).build()).build());
        session.connect();
        CompletableFuture<Void> video = session.videoOn(FoscStream.MAIN);
        CompletableFuture<Void> audio = session.audioOn();
        CompletableFuture<Void> third = session.videoOn(FoscStream.SUB);
        FoscNotConnectedException refused = assertInstanceOf(FoscNotConnectedException.class, cause(third));
        assertEquals("session to 127.0.0.1:" + closedPort + " is not connected and 2 calls wait for it already:"
                + " videoOn refused (its wish is kept and applied after the next login)", refused.getMessage());
        assertInstanceOf(FoscNotConnectedException.class, cause(video));
        assertInstanceOf(FoscNotConnectedException.class, cause(audio));
        assertEquals(FoscSessionState.RECONNECTING, session.state(), "the session itself goes on trying");
        session.close().get(5, TimeUnit.SECONDS);
    }
}
