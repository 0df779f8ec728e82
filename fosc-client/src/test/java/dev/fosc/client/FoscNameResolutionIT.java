package dev.fosc.client;

import dev.fosc.codec.FoscCredentials;
import dev.fosc.testkit.FakeCamera;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.fosc.client.FoscSessionIT.PASSWORD;
import static dev.fosc.client.FoscSessionIT.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Host names go through the client's asynchronous resolver: the hosts file works, an unknown name fails typed. */
class FoscNameResolutionIT {

    @Test
    void aHostNameFromTheHostsFileConnects() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().password(PASSWORD).start();
             FoscClient client = FoscClient.builder().threads(1).build()) {
            FoscSession session = client.newSession(FoscSessionOptions.builder("localhost",
                    FoscCredentials.of("admin", PASSWORD)).port(camera.port()).build());
            get(session.connect());
            assertEquals(FoscSessionState.CONNECTED, session.state());
            get(session.close());
        }
    }

    @Test
    void anUnknownNameFailsTheConnectWithAConnectException() throws Exception {
        try (FoscClient client = FoscClient.builder().threads(1).build()) {
            FoscSession session = client.newSession(FoscSessionOptions.builder("no-such-camera.invalid",
                    FoscCredentials.of("admin", PASSWORD)).build());
            // generous: without a reachable name server the lookup ends in the resolver's query timeouts
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> session.connect().get(60, TimeUnit.SECONDS));
            assertInstanceOf(FoscConnectException.class, e.getCause());
            assertTrue(e.getCause().getMessage().contains("no-such-camera.invalid"), e.getCause().getMessage());
        }
    }
}
