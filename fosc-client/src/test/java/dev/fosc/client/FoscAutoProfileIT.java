package dev.fosc.client;

import dev.fosc.codec.FoscAudioOnReply;
import dev.fosc.codec.FoscCommand;
import dev.fosc.codec.FoscCredentials;
import dev.fosc.codec.FoscLoginReply;
import dev.fosc.codec.FoscVideoOn;
import dev.fosc.codec.FoscVideoOnReply;
import dev.fosc.codec.FoscAudioOn;
import dev.fosc.testkit.FakeCamera;
import dev.fosc.testkit.FakeCameraProfile;
import dev.fosc.testkit.FakeFault;
import dev.fosc.testkit.FakeRecordedFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.fosc.client.FoscSessionIT.PASSWORD;
import static dev.fosc.client.FoscSessionIT.WAIT;
import static dev.fosc.client.FoscSessionIT.get;
import static dev.fosc.client.RecordingListener.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The AUTO profile (the default) against FakeCamera's models: what it learns, and that it never loops. */
class FoscAutoProfileIT {

    @RegisterExtension
    static final SharedClient SHARED = new SharedClient(1);
    private static final FoscClient CLIENT = SHARED.client();

    private FakeCamera camera(FakeCameraProfile profile) {
        return SHARED.camera(FakeCamera.builder().profile(profile).password(PASSWORD));
    }

    /** Options without a profile: the default, AUTO. */
    private static FoscSessionOptions.Builder autoOptions(FakeCamera camera) {
        return FoscSessionOptions.builder(camera.host(), FoscCredentials.of("admin", PASSWORD)).port(camera.port())
                .requestTimeout(Duration.ofSeconds(3))
                .reconnectPolicy(FoscReconnectPolicy.builder().initialDelay(Duration.ofMillis(5))
                        .maxDelay(Duration.ofMillis(50)).minLoginInterval(Duration.ZERO).build());
    }

    private static List<Integer> streamBytes(FakeCamera camera, FoscCommand command) {
        List<Integer> out = new ArrayList<>();
        for (FakeRecordedFrame f : camera.recordedFrames(command)) {
            out.add(((Number) f.field("stream")).intValue());
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(FakeCameraProfile.class)
    void autoGetsVideoAndAudioFromEveryModel(FakeCameraProfile profile) throws Exception {
        FakeCamera camera = camera(profile);
        RecordingListener rec = new RecordingListener();
        FoscSessionOptions options = autoOptions(camera).build();
        assertEquals(FoscCameraProfile.AUTO, options.profile(), "AUTO is the default");
        FoscSession session = CLIENT.newSession(options, rec);
        get(session.connect());
        assertFalse(session.quirks().videoOnStreamByteLearned(), "nothing learned before the first VIDEO_ON");

        get(session.videoOn(FoscStream.MAIN));
        get(session.audioOn());
        await(() -> rec.videoFrames.get() >= 5 && rec.audioFrames.get() >= 3, WAIT,
                () -> rec.videoFrames + " video, " + rec.audioFrames + " audio frames");

        boolean r2c = profile == FakeCameraProfile.R2C;
        assertEquals(r2c ? List.of(0, 1) : List.of(0), streamBytes(camera, FoscCommand.VIDEO_ON),
                "an R2C refuses 0, so 1 is tried once; the others take 0 at once");
        assertEquals(r2c ? List.of(1) : List.of(0), streamBytes(camera, FoscCommand.AUDIO_ON),
                "AUDIO_ON carries the learned byte");
        FoscQuirks learned = session.quirks();
        assertTrue(learned.videoOnStreamByteLearned(), learned.toString());
        assertEquals(r2c ? 1 : FoscQuirks.STREAM_NUMBER, learned.videoOnStreamByte(), learned.toString());
        assertTrue(learned.toString().contains("videoOnStreamByte=" + (r2c ? "1" : "stream") + " (learned)"),
                learned.toString());
        assertEquals(r2c ? "g726" : "pcm", rec.audioFormat.get());
    }

    @Test
    void anR2csLearnedByteIsUsedDirectlyAfterAReconnect() throws Exception {
        FakeCamera camera = camera(FakeCameraProfile.R2C);
        RecordingListener rec = new RecordingListener();
        FoscSession session = CLIENT.newSession(autoOptions(camera).build(), rec);
        get(session.connect());
        get(session.videoOn(FoscStream.MAIN));
        get(session.audioOn());
        assertEquals(List.of(0, 1), streamBytes(camera, FoscCommand.VIDEO_ON));
        await(() -> rec.audioFrames.get() >= 1, WAIT, () -> rec.audioFrames + " audio frames");

        camera.clearRecording();
        camera.inject(FakeFault.reset());
        camera.awaitLoginCount(2, WAIT);
        int before = rec.videoFrames.get();
        await(() -> rec.videoFrames.get() >= before + 5, WAIT, () -> rec.videoFrames + " video frames");
        assertEquals(List.of(1), streamBytes(camera, FoscCommand.VIDEO_ON),
                "after the reconnect exactly one VIDEO_ON, with the learned byte: " + camera.describeRecording());
        assertEquals(List.of(1), streamBytes(camera, FoscCommand.AUDIO_ON), camera.describeRecording());
        assertEquals(1, session.quirks().videoOnStreamByte());
        assertTrue(session.stats().reconnects() >= 1);
    }

    @Test
    void autoLearnsOnTheSdksMediaConnectionToo() throws Exception {
        FakeCamera camera = camera(FakeCameraProfile.R2C);
        RecordingListener rec = new RecordingListener();
        FoscSession session = CLIENT.newSession(autoOptions(camera)
                .connectionMode(FoscConnectionMode.CONTROL_AND_MEDIA).build(), rec);
        get(session.connect());
        get(session.videoOn(FoscStream.MAIN));
        await(() -> rec.videoFrames.get() >= 3, WAIT, () -> rec.videoFrames + " video frames");
        List<FakeRecordedFrame> videoOns = camera.recordedFrames(FoscCommand.VIDEO_ON);
        assertEquals(List.of(0, 1), streamBytes(camera, FoscCommand.VIDEO_ON));
        assertTrue(videoOns.stream().allMatch(f -> f.connectionIndex() == 1), "both on the media connection");
        assertEquals(1, session.quirks().videoOnStreamByte());
    }

    @Test
    void aSubStreamAcceptedWithOneSettlesNothingAboutTheMainStream() throws Exception {
        FakeCamera camera = camera(FakeCameraProfile.R2C);
        FoscSession session = CLIENT.newSession(autoOptions(camera).build(), new RecordingListener());
        get(session.connect());
        get(session.videoOn(FoscStream.SUB));
        assertEquals(List.of(1), streamBytes(camera, FoscCommand.VIDEO_ON));
        assertFalse(session.quirks().videoOnStreamByteLearned(), "byte 1 works for SUB on every model");

        get(session.videoOn(FoscStream.MAIN));
        assertEquals(List.of(1, 0, 1), streamBytes(camera, FoscCommand.VIDEO_ON), "MAIN: 0 refused, then 1");
        assertTrue(session.quirks().videoOnStreamByteLearned());
        assertEquals(1, session.quirks().videoOnStreamByte());
    }

    @Test
    void anExplicitProfileDoesNotProbe() throws Exception {
        FakeCamera camera = camera(FakeCameraProfile.R2C);
        FoscSession session = CLIENT.newSession(autoOptions(camera).profile(FoscCameraProfile.FI9821W_V2).build());
        get(session.connect());
        ExecutionException e = assertThrows(ExecutionException.class, () -> get(session.videoOn(FoscStream.MAIN)));
        FoscRequestRefusedException refused = assertInstanceOf(FoscRequestRefusedException.class, e.getCause());
        assertEquals(1, refused.status());
        assertTrue(refused.getMessage().contains("refused VIDEO_ON (stream byte 0) with status 1"),
                refused.getMessage());
        assertEquals(List.of(0), streamBytes(camera, FoscCommand.VIDEO_ON), "no second try");
        assertFalse(session.quirks().videoOnStreamByteLearned());
    }

    @Test
    void anExplicitStreamByteOverrideDoesNotProbe() throws Exception {
        FakeCamera camera = camera(FakeCameraProfile.R2C);
        FoscSessionOptions options = autoOptions(camera).videoOnStreamByte(0).build();
        assertFalse(options.learnsVideoOnStreamByte());
        assertTrue(options.learnsSpeakerOnLength(), "only the overridden quirk is fixed");
        FoscSession session = CLIENT.newSession(options);
        get(session.connect());
        ExecutionException e = assertThrows(ExecutionException.class, () -> get(session.videoOn(FoscStream.MAIN)));
        assertInstanceOf(FoscRequestRefusedException.class, e.getCause());
        assertEquals(List.of(0), streamBytes(camera, FoscCommand.VIDEO_ON), "no second try");
    }

    @Test
    void aCameraRefusingBothBytesGetsExactlyTwoVideoOns() throws Exception {
        try (ScriptedCamera camera = new ScriptedCamera(
                (ctx, login, n) -> ctx.writeAndFlush(FoscLoginReply.accepted(List.of(), List.of(), "CAM")),
                (ctx, m, n) -> {
                    if (m instanceof FoscVideoOn) {
                        ctx.writeAndFlush(new FoscVideoOnReply(1));
                    } else if (m instanceof FoscAudioOn) {
                        ctx.writeAndFlush(new FoscAudioOnReply(1));
                    }
                })) {
            FoscSession session = CLIENT.newSession(camera.options().requestTimeout(Duration.ofSeconds(3)).build());
            get(session.connect());
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> get(session.videoOn(FoscStream.MAIN)));
            FoscRequestRefusedException refused = assertInstanceOf(FoscRequestRefusedException.class, e.getCause());
            assertEquals(1, refused.status());
            assertTrue(refused.getMessage().contains("refused VIDEO_ON with stream byte 0 (status 1) and again with"
                    + " stream byte 1 (status 1)"), refused.getMessage());
            assertEquals(2, camera.count("VIDEO_ON"), camera.received.toString());

            e = assertThrows(ExecutionException.class, () -> get(session.audioOn()));
            assertInstanceOf(FoscRequestRefusedException.class, e.getCause());
            assertEquals(2, camera.count("AUDIO_ON"), "AUDIO_ON probes the same way: " + camera.received);
            assertFalse(session.quirks().videoOnStreamByteLearned(), "a double refusal teaches nothing");
            Thread.sleep(300); // nothing else may follow: no loop
            assertEquals(2, camera.count("VIDEO_ON"), camera.received.toString());
            assertEquals(FoscSessionState.CONNECTED, session.state(), "the connection stays open");
            session.close().get(5, TimeUnit.SECONDS);
        }
    }
}
