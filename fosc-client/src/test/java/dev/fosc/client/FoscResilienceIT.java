package dev.fosc.client;

import dev.fosc.codec.FoscCommand;
import dev.fosc.codec.FoscCredentials;
import dev.fosc.testkit.FakeCamera;
import dev.fosc.testkit.FakeCameraProfile;
import dev.fosc.testkit.FakeFault;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.fosc.client.FoscSessionIT.PASSWORD;
import static dev.fosc.client.FoscSessionIT.WAIT;
import static dev.fosc.client.FoscSessionIT.clientProfile;
import static dev.fosc.client.FoscSessionIT.get;
import static dev.fosc.client.FoscSessionIT.options;
import static dev.fosc.client.RecordingListener.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sessions keeping themselves alive against FakeCamera faults: reset, stall, reboot, refusals, drops. */
class FoscResilienceIT {

    @RegisterExtension
    static final SharedClient SHARED = new SharedClient(2);
    private static final FoscClient CLIENT = SHARED.client();

    private FakeCamera camera(FakeCamera.Builder builder) {
        return SHARED.camera(builder);
    }

    /** Connects, turns video (and audio) on, waits for video: the state every fault test starts from. */
    private static FoscSession streaming(FakeCamera camera, FoscSessionOptions options, RecordingListener rec)
            throws Exception {
        FoscSession session = CLIENT.newSession(options, rec);
        get(session.connect());
        get(session.videoOn(FoscStream.MAIN));
        get(session.audioOn());
        await(() -> rec.videoFrames.get() >= 3, WAIT, () -> "no video before the fault");
        return session;
    }

    /** Waits for video to flow again after a reconnect, counted from {@code framesBefore}. */
    private static void awaitVideoResumed(FoscSession session, RecordingListener rec, int framesBefore) {
        await(() -> session.stats().reconnects() >= 1 && session.state() == FoscSessionState.CONNECTED
                        && rec.videoFrames.get() >= framesBefore + 5, WAIT,
                () -> "video did not resume: " + rec.changes + " " + session.stats());
    }

    @ParameterizedTest
    @EnumSource(FakeCameraProfile.class)
    void reconnectsAfterAResetAndRestoresVideoAndAudio(FakeCameraProfile profile) throws Exception {
        FakeCamera camera = camera(FakeCamera.builder().profile(profile).password(PASSWORD));
        RecordingListener rec = new RecordingListener();
        FoscSession session = streaming(camera, options(camera, clientProfile(profile), PASSWORD).build(), rec);
        int frames = rec.videoFrames.get();
        camera.inject(FakeFault.reset());
        awaitVideoResumed(session, rec, frames);
        int audio = rec.audioFrames.get();
        await(() -> rec.audioFrames.get() > audio + 2, WAIT, () -> "audio did not resume");
        assertEquals(2, camera.loginCount());
        assertEquals(2, camera.recordedFrames(FoscCommand.VIDEO_ON).size(), "VIDEO_ON restored once");
        assertEquals(2, camera.recordedFrames(FoscCommand.AUDIO_ON).size(), "AUDIO_ON restored once");
        assertTrue(rec.states().contains(FoscSessionState.RECONNECTING), rec.changes.toString());
        RecordingListener.Change loss = rec.changes.stream().filter(c -> c.to() == FoscSessionState.RECONNECTING)
                .findFirst().orElseThrow();
        assertInstanceOf(FoscConnectionClosedException.class, loss.cause());
        assertEquals(2, rec.events(FoscLoginEvent.class).size(), "a login event per login");
    }

    @Test
    void bothConnectionsOfTheSdkModeReconnectAndVideoResumes() throws Exception {
        FakeCamera camera = camera(FakeCamera.builder().password(PASSWORD));
        RecordingListener rec = new RecordingListener();
        FoscSession session = streaming(camera, options(camera, FoscCameraProfile.FI9821W_V2, PASSWORD)
                .connectionMode(FoscConnectionMode.CONTROL_AND_MEDIA).build(), rec);
        int frames = rec.videoFrames.get();
        camera.inject(FakeFault.reset(), 1); // only the media connection
        awaitVideoResumed(session, rec, frames);
        assertEquals(4, camera.connectionCount(), "a lost media connection reconnects both");
        assertEquals(2, camera.loginCount());
        assertEquals(2, camera.recordedFrames(FoscCommand.LOGIN).size());
        await(() -> camera.openConnectionCount() == 2, WAIT, () -> camera.openConnectionCount() + " open");
    }

    @Test
    void aStalledCameraIsDetectedByReaderIdleAndReconnected() throws Exception {
        FakeCamera camera = camera(FakeCamera.builder().password(PASSWORD));
        RecordingListener rec = new RecordingListener();
        FoscSession session = streaming(camera, options(camera, FoscCameraProfile.FI9821W_V2, PASSWORD)
                .keepaliveInterval(Duration.ofMillis(50)).readerIdleTimeout(Duration.ofMillis(300)).build(), rec);
        int frames = rec.videoFrames.get();
        camera.inject(FakeFault.stall());
        awaitVideoResumed(session, rec, frames);
        RecordingListener.Change loss = rec.changes.stream().filter(c -> c.to() == FoscSessionState.RECONNECTING)
                .findFirst().orElseThrow();
        assertInstanceOf(FoscStalledException.class, loss.cause());
        assertTrue(camera.recordedFrames(FoscCommand.LOGIN_CHECK).size() >= 1, "keepalives were sent");
    }

    @Test
    void keepaliveKeepsAnIdleConnectionOpen() throws Exception {
        FakeCamera camera = camera(FakeCamera.builder().password(PASSWORD).idleTimeout(Duration.ofMillis(300)));
        RecordingListener rec = new RecordingListener();
        FoscSession session = CLIENT.newSession(options(camera, FoscCameraProfile.C1_V3, PASSWORD)
                .keepaliveInterval(Duration.ofMillis(50)).build(), rec);
        get(session.connect());
        camera.awaitFrames(FoscCommand.LOGIN_CHECK, 12, WAIT); // 600 ms: twice the camera's idle timeout
        assertEquals(FoscSessionState.CONNECTED, session.state());
        assertEquals(1, camera.connectionCount());
    }

    @Test
    void aRebootLeavesAGapThenVideoResumes() throws Exception {
        FakeCamera camera = camera(FakeCamera.builder().password(PASSWORD));
        RecordingListener rec = new RecordingListener();
        FoscSession session = streaming(camera, options(camera, FoscCameraProfile.FI9821W_V2, PASSWORD).build(), rec);
        int frames = rec.videoFrames.get();
        camera.inject(FakeFault.refuseConnections(Duration.ofMillis(400)));
        awaitVideoResumed(session, rec, frames);
        assertTrue(rec.changes.stream().anyMatch(c -> c.cause() instanceof FoscConnectException),
                "connections were refused during the reboot: " + rec.changes);
        assertEquals(2, camera.loginCount());
    }

    @Test
    void aProtocolErrorReconnects() throws Exception {
        FakeCamera camera = camera(FakeCamera.builder().password(PASSWORD));
        RecordingListener rec = new RecordingListener();
        FoscSession session = streaming(camera, options(camera, FoscCameraProfile.FI9821W_V2, PASSWORD).build(), rec);
        int frames = rec.videoFrames.get();
        camera.inject(FakeFault.badMagic());
        awaitVideoResumed(session, rec, frames);
        assertTrue(rec.changes.stream().anyMatch(c -> c.cause() instanceof FoscProtocolException), rec.changes::toString);
    }

    @ParameterizedTest
    @EnumSource(FakeCameraProfile.class)
    void aBadPasswordGivesExactlyOneLoginAttemptThenStops(FakeCameraProfile profile) throws Exception {
        FakeCamera camera = camera(FakeCamera.builder().profile(profile).password(PASSWORD));
        RecordingListener rec = new RecordingListener();
        FoscSession session = CLIENT.newSession(options(camera, clientProfile(profile), "wrong-pw")
                .reconnectPolicy(FoscReconnectPolicy.builder().initialDelay(Duration.ofMillis(1))
                        .maxDelay(Duration.ofMillis(2)).retryFirstConnect(true).build()).build(), rec);
        ExecutionException e = assertThrows(ExecutionException.class, () -> get(session.connect()));
        FoscAuthenticationException auth = assertInstanceOf(FoscAuthenticationException.class, e.getCause());
        assertInstanceOf(FoscLoginRefusedException.class, auth);
        assertFalse(auth.getMessage().contains("wrong-pw") || auth.getMessage().contains(PASSWORD), auth.getMessage());
        assertTrue(auth.getMessage().contains("refused the login of user 'admin'"), auth.getMessage());
        assertEquals(FoscSessionState.FAILED, session.state());
        // a retry would come within ~2 ms; give it a hundred times that to show it never does
        TimeUnit.MILLISECONDS.sleep(200);
        assertEquals(1, camera.loginAttemptCount());
        assertEquals(1, camera.connectionCount());
        assertThrows(FoscSessionClosedException.class, session::connect);
        assertEquals(FoscSessionState.FAILED, rec.changes.get(rec.changes.size() - 1).to());
        assertTrue(session.close().isDone());
    }

    @Test
    void aRateLimitedReloginIsCredentialsSuspectWaitsItsDelayThenSucceeds() throws Exception {
        Duration limit = Duration.ofMillis(250);
        Duration suspectDelay = Duration.ofMillis(300);
        FakeCamera camera = camera(FakeCamera.builder().password(PASSWORD).loginRateLimit(limit));
        RecordingListener rec = new RecordingListener();
        FoscSession session = streaming(camera, options(camera, FoscCameraProfile.FI9821W_V2, PASSWORD)
                .reconnectPolicy(FoscReconnectPolicy.builder().initialDelay(Duration.ofMillis(1))
                        .maxDelay(Duration.ofMillis(5)).minLoginInterval(Duration.ZERO)
                        .credentialsSuspectDelays(List.of(suspectDelay)).build()).build(), rec);
        int frames = rec.videoFrames.get();
        camera.inject(FakeFault.reset()); // the client comes back within ms: refused as if the password were wrong
        awaitVideoResumed(session, rec, frames);
        assertTrue(camera.refusedLoginCount() >= 1);
        assertEquals(2, camera.loginCount());
        RecordingListener.Change limited = rec.changes.stream()
                .filter(c -> c.to() == FoscSessionState.CREDENTIALS_SUSPECT).findFirst().orElseThrow();
        assertInstanceOf(FoscAuthenticationException.class, limited.cause());
        RecordingListener.Change next = rec.changes.get(rec.changes.indexOf(limited) + 1);
        assertEquals(FoscSessionState.CONNECTING, next.to());
        assertTrue(next.nanos() - limited.nanos() >= suspectDelay.toNanos(),
                "waited at least the credentials-suspect delay before trying again");
        assertEquals(camera.refusedLoginCount(), rec.changes.stream()
                .filter(c -> c.to() == FoscSessionState.CREDENTIALS_SUSPECT).count());
    }

    @Test
    void anUnreachableCameraFailsTheConnectWithATypedException() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        RecordingListener rec = new RecordingListener();
        FoscSession session = CLIENT.newSession(FoscSessionOptions.builder("127.0.0.1", FoscCredentials.of("admin", "x"))
                .port(port).reconnectPolicy(FoscReconnectPolicy.builder().retryFirstConnect(false).build()).build(),
                rec);
        ExecutionException e = assertThrows(ExecutionException.class, () -> get(session.connect()));
        assertInstanceOf(FoscConnectException.class, e.getCause());
        assertEquals("cannot connect to 127.0.0.1:" + port + ": connection refused", e.getCause().getMessage());
        assertEquals(FoscSessionState.DISCONNECTED, session.state());
        assertEquals(List.of(FoscSessionState.CONNECTING, FoscSessionState.DISCONNECTED), rec.states());
    }

    @Test
    void pendingRequestsFailWithConnectionClosedAndTimeOutOnASilentCamera() throws Exception {
        FakeCamera camera = camera(FakeCamera.builder().password(PASSWORD));
        FoscSession session = CLIENT.newSession(options(camera, FoscCameraProfile.FI9821W_V2, PASSWORD)
                .requestTimeout(Duration.ofMillis(300)).build());
        get(session.connect());
        camera.inject(FakeFault.stall());
        ExecutionException timeout = assertThrows(ExecutionException.class, () -> get(session.videoOn(FoscStream.MAIN)));
        assertInstanceOf(FoscRequestTimeoutException.class, timeout.getCause());
        assertEquals(FoscSessionState.CONNECTED, session.state(), "a timeout leaves the connection open");

        CompletableFuture<Void> pending = session.audioOn();
        camera.inject(FakeFault.reset());
        ExecutionException closed = assertThrows(ExecutionException.class, () -> get(pending));
        assertInstanceOf(FoscConnectionClosedException.class, closed.getCause());
        // waiting for its reply, failed to write, or caught between close and inactive: the race is the test's,
        // the outcome is always the same typed exception naming the request and the camera
        String message = closed.getCause().getMessage();
        assertTrue(message.contains("AUDIO_ON(2)") && message.contains(camera.host() + ":" + camera.port()), message);
    }

    @Test
    void closingTheClientClosesEverySessionWithoutReconnecting() throws Exception {
        FakeCamera camera = camera(FakeCamera.builder().password(PASSWORD));
        EventLoopGroup shared = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        try {
            FoscClient own = FoscClient.builder().eventLoopGroup(shared).build();
            assertFalse(own.ownsEventLoopGroup());
            List<FoscSession> sessions = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                FoscSession s = own.newSession(options(camera, FoscCameraProfile.C1_V3, PASSWORD).build());
                get(s.connect());
                get(s.videoOn(FoscStream.MAIN));
                sessions.add(s);
            }
            own.close();
            camera.awaitFrames(FoscCommand.CLOSE, 3, WAIT);
            for (FoscSession s : sessions) {
                assertEquals(FoscSessionState.CLOSED, s.state());
                assertTrue(s.close().isDone());
            }
            assertFalse(shared.isShuttingDown(), "a client shuts down only what it created");
            assertThrows(FoscSessionClosedException.class,
                    () -> own.newSession(options(camera, FoscCameraProfile.C1_V3, PASSWORD).build()));
            TimeUnit.MILLISECONDS.sleep(100); // backoff here is 5..50 ms: a reconnect would show by now
            assertEquals(3, camera.connectionCount());
            assertEquals(0, camera.openConnectionCount());
        } finally {
            shared.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void closeOnAnEventLoopThreadIsRefused() throws Exception {
        FoscClient own = FoscClient.builder().threads(1).transport(FoscTransportKind.NIO).build();
        try {
            CompletableFuture<Throwable> thrown = new CompletableFuture<>();
            own.eventLoopGroup().next().execute(() -> {
                try {
                    own.close();
                    thrown.complete(null);
                } catch (Throwable t) {
                    thrown.complete(t);
                }
            });
            assertInstanceOf(IllegalStateException.class, get(thrown));
        } finally {
            own.close();
        }
        assertTrue(own.eventLoopGroup().isShutdown());
    }
}
