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

/** Host names go through the client's asynchronous resolver: a name from the hosts file connects. */
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

    // No test of an unknown name: it would send a DNS query to the machine's name server, and tests send
    // traffic to loopback addresses only.
}
