package dev.fosc.client;

import dev.fosc.codec.FoscCredentials;
import dev.fosc.testkit.FakeCamera;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.fosc.client.FoscSessionIT.PASSWORD;
import static dev.fosc.client.FoscSessionIT.WAIT;
import static dev.fosc.client.FoscSessionIT.get;
import static dev.fosc.client.RecordingListener.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * An NVR starts with every camera it knows; a camera offline then must be picked up when it comes online, with the
 * default reconnect policy and without the application calling {@code connect()} again. The {@code connect()}
 * future tells the first attempt's outcome at once.
 */
class FoscOfflineAtStartIT {

    @Test
    void aCameraOfflineAtStartIsPickedUpWhenItComesOnlineAndConnectFailsWithTheFirstAttempt() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        RecordingListener rec = new RecordingListener();
        try (FoscClient client = FoscClient.builder().threads(1).build()) {
            // the default policy, only faster
            FoscSession session = client.newSession(FoscSessionOptions.builder("127.0.0.1",
                    FoscCredentials.of("admin", PASSWORD)).port(port).reconnectPolicy(FoscReconnectPolicy.DEFAULT
                    .toBuilder().initialDelay(Duration.ofMillis(20)).maxDelay(Duration.ofMillis(100)).build())
                    .build(), rec);
            ExecutionException first = assertThrows(ExecutionException.class, () -> get(session.connect()));
            FoscConnectException cause = assertInstanceOf(FoscConnectException.class, first.getCause());
            assertEquals("cannot connect to 127.0.0.1:" + port + ": connection refused", cause.getMessage());
            assertEquals(FoscSessionState.RECONNECTING, session.state(), "still trying");
            session.videoOn(FoscStream.MAIN); // remembered; its future may time out while the camera is away

            try (FakeCamera camera = FakeCamera.builder().password(PASSWORD).port(port).start()) {
                await(() -> rec.videoFrames.get() >= 3, WAIT, () -> session.state() + " " + rec.changes);
                assertEquals(FoscSessionState.CONNECTED, session.state());
                assertEquals(1, camera.loginCount());
                assertEquals("FAKE0000CAM1", get(session.connect()).cameraId());
                session.close().get(5, TimeUnit.SECONDS);
            }
        }
    }
}
