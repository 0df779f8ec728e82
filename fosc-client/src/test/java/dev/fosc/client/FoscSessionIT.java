package dev.fosc.client;

import dev.fosc.codec.FoscCommand;
import dev.fosc.codec.FoscCredentials;
import dev.fosc.testkit.FakeCamera;
import dev.fosc.testkit.FakeCameraProfile;
import dev.fosc.testkit.FakeEvent;
import dev.fosc.testkit.FakeRecordedFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.fosc.client.RecordingListener.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sessions against fosc-testkit's FakeCamera, for every camera profile: each operation, and delivery. */
class FoscSessionIT {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final String PASSWORD = "s3cret-pw";

    @RegisterExtension
    static final SharedClient SHARED = new SharedClient(2);
    private static final FoscClient CLIENT = SHARED.client();

    FakeCamera camera(FakeCamera.Builder builder) {
        return SHARED.camera(builder);
    }

    /** Options with test timings: ms-level backoff, short request timeout. */
    static FoscSessionOptions.Builder options(FakeCamera camera, FoscCameraProfile profile, String password) {
        return FoscSessionOptions.builder(camera.host(), FoscCredentials.of("admin", password)).port(camera.port())
                .profile(profile).requestTimeout(Duration.ofSeconds(3))
                .reconnectPolicy(FoscReconnectPolicy.builder().initialDelay(Duration.ofMillis(5))
                        .maxDelay(Duration.ofMillis(50)).rateLimitedDelay(Duration.ofMillis(300))
                        .minLoginInterval(Duration.ofMillis(20)).build());
    }

    static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    static FoscCameraProfile clientProfile(FakeCameraProfile p) {
        return FoscCameraProfile.valueOf(p.name());
    }

    @ParameterizedTest
    @EnumSource(FakeCameraProfile.class)
    void everyOperationAgainstEveryProfile(FakeCameraProfile profile) throws Exception {
        FakeCamera camera = camera(FakeCamera.builder().profile(profile).password(PASSWORD)
                .presets(List.of("door", "gate")).cruises(List.of("round")).cameraId("CAM" + profile.ordinal()));
        RecordingListener rec = new RecordingListener();
        FoscSession session = CLIENT.newSession(options(camera, clientProfile(profile), PASSWORD).build(), rec);
        assertEquals(FoscSessionState.NEW, session.state());

        FoscLoginInfo info = get(session.connect());
        assertEquals("CAM" + profile.ordinal(), info.cameraId());
        assertEquals(List.of("door", "gate"), info.presets());
        assertEquals(List.of("round"), info.cruises());
        assertEquals(FoscSessionState.CONNECTED, session.state());
        assertEquals(List.of(FoscSessionState.CONNECTING, FoscSessionState.LOGGING_IN, FoscSessionState.CONNECTED),
                rec.states());

        get(session.videoOn(FoscStream.MAIN));
        FakeRecordedFrame videoOn = camera.takeFrame(FoscCommand.VIDEO_ON, WAIT);
        assertEquals(profile == FakeCameraProfile.R2C ? 1 : 0, videoOn.field("stream"), "stream byte per profile");
        await(() -> rec.videoFrames.get() >= 10, WAIT, () -> rec.videoFrames + " video frames");
        assertEquals("key 640x360 MAIN", rec.firstVideo.get(), "video starts at a key frame, size from the header");
        assertTrue(rec.threads.get(0).startsWith("fosc-io"), rec.threads.toString());

        get(session.audioOn());
        await(() -> rec.audioFrames.get() >= 3, WAIT, () -> rec.audioFrames + " audio frames");
        assertEquals(960, rec.lastPcm.get().length, "always 60 ms of 16-bit PCM");
        boolean g726 = profile == FakeCameraProfile.R2C;
        assertEquals(g726 ? "g726" : "pcm", rec.audioFormat.get());
        assertEquals(g726 ? 120 : 960, rec.lastOriginalAudio.get().length, "the original bytes stay available");

        camera.sendEvent(FakeEvent.motion());
        camera.sendEvent(FakeEvent.presetsChanged(List.of("a", "b", "c")));
        camera.sendEvent(FakeEvent.cruisesChanged(List.of("x")));
        camera.sendEvent(FakeEvent.mirrorFlip(1, 0));
        camera.sendEvent(FakeEvent.colorAdjust(10, 20, 30, 40, 50, 50));
        camera.sendEvent(FakeEvent.powerFrequency(1));
        camera.sendEvent(FakeEvent.streamSelect(1));
        camera.sendEvent(FakeEvent.unknown(230, new byte[] {1, 2, 3}));
        await(() -> rec.events(FoscUnknownEvent.class).stream().anyMatch(e -> e.command() == 230), WAIT,
                () -> rec.events.toString());
        assertEquals("0100001e", rec.events(FoscMotionEvent.class).get(0).rawHex());
        assertEquals(List.of("a", "b", "c"), rec.events(FoscPresetsChangedEvent.class).get(0).presets());
        assertEquals(List.of("x"), rec.events(FoscCruisesChangedEvent.class).get(0).cruises());
        FoscMirrorFlipEvent mf = rec.events(FoscMirrorFlipEvent.class).get(0);
        assertTrue(mf.mirror());
        assertFalse(mf.flip());
        assertEquals(40, rec.events(FoscColorEvent.class).get(0).saturation());
        assertEquals(1, rec.events(FoscPowerFrequencyEvent.class).get(0).frequency());
        assertEquals(1, rec.events(FoscStreamSelectEvent.class).get(0).stream());
        assertEquals("CAM" + profile.ordinal(), rec.events(FoscLoginEvent.class).get(0).info().cameraId());

        get(session.audioOff());
        camera.takeFrame(FoscCommand.AUDIO_OFF, WAIT);

        FoscSessionStats stats = session.stats();
        assertTrue(stats.videoFrames() >= 10 && stats.audioFrames() >= 3 && stats.events() >= 9, stats.toString());
        assertEquals(1, stats.logins());
        assertEquals(0, stats.reconnects());

        get(session.close());
        camera.takeFrame(FoscCommand.CLOSE, WAIT);
        assertEquals(FoscSessionState.CLOSED, session.state());
        FoscSessionClosedException closed = assertThrows(FoscSessionClosedException.class,
                () -> session.videoOn(FoscStream.MAIN), "use after close fails synchronously");
        assertTrue(closed.getMessage().contains("closed by the application"), closed.getMessage());
        assertThrows(FoscSessionClosedException.class, session::connect);
        assertThrows(FoscSessionClosedException.class, session::audioOn);
        assertEquals(1, camera.loginAttemptCount());
        assertFalse(CLIENT.sessions().contains(session));
    }

    @ParameterizedTest
    @EnumSource(FakeCameraProfile.class)
    void twoConnectionModeLikeTheSdk(FakeCameraProfile profile) throws Exception {
        FakeCamera camera = camera(FakeCamera.builder().profile(profile).password(PASSWORD));
        RecordingListener rec = new RecordingListener();
        FoscSession session = CLIENT.newSession(options(camera, clientProfile(profile), PASSWORD)
                .connectionMode(FoscConnectionMode.CONTROL_AND_MEDIA).build(), rec);
        get(session.connect());
        assertEquals(1, camera.connectionCount(), "the media connection opens only when media is wanted");
        get(session.videoOn(FoscStream.MAIN));
        get(session.audioOn());
        await(() -> rec.videoFrames.get() >= 5 && rec.audioFrames.get() >= 2, WAIT,
                () -> rec.videoFrames + " video, " + rec.audioFrames + " audio");
        assertEquals(2, camera.connectionCount());
        FakeRecordedFrame login = camera.takeFrame(FoscCommand.LOGIN, WAIT);
        FakeRecordedFrame videoOn = camera.takeFrame(FoscCommand.VIDEO_ON, WAIT);
        assertEquals(0, login.connectionIndex());
        assertEquals(1, videoOn.connectionIndex(), "VIDEO_ON on the media connection");
        assertEquals(login.field("uid"), videoOn.field("uid"), "with the control login's uid");
        assertEquals(1, camera.recordedFrames(FoscCommand.LOGIN).size(), "the media connection does not log in");
        get(session.close());
    }

    @Test
    void subStreamSendsStreamByteOne() throws Exception {
        FakeCamera camera = camera(FakeCamera.builder().password(PASSWORD));
        RecordingListener rec = new RecordingListener();
        FoscSession session = CLIENT.newSession(options(camera, FoscCameraProfile.C1_V3, PASSWORD).build(), rec);
        get(session.connect());
        get(session.videoOn(FoscStream.SUB));
        assertEquals(1, camera.takeFrame(FoscCommand.VIDEO_ON, WAIT).field("stream"));
        await(() -> rec.videoFrames.get() >= 1, WAIT, () -> "no video");
        assertEquals("key 640x360 SUB", rec.firstVideo.get());
    }

    @Test
    void videoRequestedBeforeConnectingIsSentAfterTheLogin() throws Exception {
        FakeCamera camera = camera(FakeCamera.builder().password(PASSWORD));
        RecordingListener rec = new RecordingListener();
        FoscSession session = CLIENT.newSession(options(camera, FoscCameraProfile.FI9821W_V2, PASSWORD).build(), rec);
        CompletableFuture<Void> video = session.videoOn(FoscStream.MAIN);
        assertFalse(video.isDone());
        get(session.connect());
        get(video);
        await(() -> rec.videoFrames.get() >= 1, WAIT, () -> "no video");
        assertEquals(1, camera.recordedFrames(FoscCommand.VIDEO_ON).size());
    }

    @Test
    void refusedVideoOnFailsTheFutureWithTheStatus() throws Exception {
        FakeCamera camera = camera(FakeCamera.builder().profile(FakeCameraProfile.R2C).password(PASSWORD));
        FoscSession session = CLIENT.newSession(options(camera, FoscCameraProfile.R2C, PASSWORD)
                .videoOnStreamByte(0).build()); // override the profile: an R2C refuses 0
        get(session.connect());
        ExecutionException e = assertThrows(ExecutionException.class, () -> get(session.videoOn(FoscStream.MAIN)));
        assertInstanceOf(FoscRequestRefusedException.class, e.getCause());
        assertEquals(1, ((FoscRequestRefusedException) e.getCause()).status());
        assertEquals(FoscSessionState.CONNECTED, session.state(), "the connection stays open");
    }

    @Test
    void withoutPreambleAndWithAnHttpOkAnswer() throws Exception {
        FakeCamera noPreamble = camera(FakeCamera.builder().password(PASSWORD).preamble(false));
        FoscSession a = CLIENT.newSession(options(noPreamble, FoscCameraProfile.C1_V3, PASSWORD).preamble(false).build());
        get(a.connect());
        FakeCamera httpOk = camera(FakeCamera.builder().password(PASSWORD).httpOkAnswer(true));
        RecordingListener rec = new RecordingListener();
        FoscSession b = CLIENT.newSession(options(httpOk, FoscCameraProfile.C1_V3, PASSWORD).build(), rec);
        get(b.connect());
        get(b.videoOn(FoscStream.MAIN));
        await(() -> rec.videoFrames.get() >= 1, WAIT, () -> "no video");
    }

    @Test
    void flowPublishersDeliverAndBackPressurePausesReading() throws Exception {
        FakeCamera camera = camera(FakeCamera.builder().password(PASSWORD).fps(50));
        FoscSession session = CLIENT.newSession(options(camera, FoscCameraProfile.FI9821W_V2, PASSWORD)
                .waterMarks(2, 8).build());
        FlowRecorder<FoscVideoFrame> video = new FlowRecorder<>(f -> f.isKeyFrame() + ":" + f.data().readableBytes());
        FlowRecorder<FoscEvent> events = new FlowRecorder<>(FoscEvent::type);
        session.videoFrames().subscribe(video);
        session.events().subscribe(events);
        events.request(Long.MAX_VALUE);
        get(session.connect());
        get(session.videoOn(FoscStream.MAIN));
        await(() -> session.stats().pauses() >= 1, WAIT, () -> "reading never paused: " + session.stats());
        video.request(5);
        await(() -> video.items.size() >= 5, WAIT, () -> video.items.toString());
        assertTrue(video.items.get(0).startsWith("true:"), "the first frame is a key frame: " + video.items);
        video.request(Long.MAX_VALUE);
        long before = session.stats().videoFrames();
        await(() -> session.stats().videoFrames() > before + 10, WAIT, () -> "reading did not resume");
        camera.triggerMotion();
        await(() -> events.items.contains("motion"), WAIT, events.items::toString);
        assertEquals("login", events.items.get(0));
        get(session.close());
        await(() -> video.completed && events.completed, WAIT, () -> "publishers did not complete");
    }

    @Test
    void dropUntilKeyFrameDropsInsteadOfPausing() throws Exception {
        FakeCamera camera = camera(FakeCamera.builder().password(PASSWORD).fps(50));
        FoscSession session = CLIENT.newSession(options(camera, FoscCameraProfile.FI9821W_V2, PASSWORD)
                .waterMarks(1, 3).videoOverflow(FoscVideoOverflow.DROP_UNTIL_KEY_FRAME).build());
        FlowRecorder<FoscVideoFrame> video = new FlowRecorder<>(f -> String.valueOf(f.isKeyFrame()));
        session.videoFrames().subscribe(video);
        get(session.connect());
        get(session.videoOn(FoscStream.MAIN));
        await(() -> session.stats().droppedVideoFrames() >= 5, WAIT, () -> session.stats().toString());
        assertEquals(0, session.stats().pauses());
        video.request(Long.MAX_VALUE);
        await(() -> video.items.size() >= 10, WAIT, video.items::toString);
        assertEquals("true", video.items.get(0));
        int resumed = video.items.subList(3, video.items.size()).indexOf("true");
        assertTrue(resumed >= 0, "after the dropped run, delivery resumed at a key frame: " + video.items);
    }

    @Test
    void applicationExceptionsAreCaughtAndFramesStillReleased() throws Exception {
        FakeCamera camera = camera(FakeCamera.builder().profile(FakeCameraProfile.R2C).password(PASSWORD));
        RecordingListener rec = new RecordingListener();
        rec.throwFromCallbacks = true;
        FoscSession session = CLIENT.newSession(options(camera, FoscCameraProfile.R2C, PASSWORD).build(), rec);
        get(session.connect());
        get(session.videoOn(FoscStream.MAIN));
        get(session.audioOn());
        await(() -> rec.videoFrames.get() >= 5 && rec.audioFrames.get() >= 2, WAIT, () -> "delivery stopped");
        assertEquals(FoscSessionState.CONNECTED, session.state());
        // the leak check after this class proves every frame was released
    }
}
