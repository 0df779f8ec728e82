package dev.fosc.client;

import dev.fosc.codec.FoscCommand;
import dev.fosc.codec.G726Decoder;
import dev.fosc.codec.G726Encoder;
import dev.fosc.testkit.FakeCamera;
import dev.fosc.testkit.FakeCameraProfile;
import dev.fosc.testkit.FakeFault;
import dev.fosc.testkit.FakePlayedAudio;
import dev.fosc.testkit.FakeSpeaker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static dev.fosc.client.FoscSessionIT.WAIT;
import static dev.fosc.client.FoscSessionIT.clientProfile;
import static dev.fosc.client.FoscSessionIT.get;
import static dev.fosc.client.FoscSessionIT.options;
import static dev.fosc.client.RecordingListener.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Talk against FakeCamera's speaker, which discards what comes faster than real time (docs/protocol.md §5). */
class FoscTalkIT {

    static final String PASSWORD = "talk-pw";
    static final int FRAME = 960;
    static final FoscTalkOptions NO_LEAD_IN = FoscTalkOptions.builder().leadIn(Duration.ZERO).build();

    @RegisterExtension
    static final SharedClient SHARED = new SharedClient(2);
    private static final FoscClient CLIENT = SHARED.client();

    private FakeCamera camera(FakeCameraProfile profile) {
        return SHARED.camera(FakeCamera.builder().profile(profile).password(PASSWORD));
    }

    private FoscSession connected(FakeCamera camera, FoscCameraProfile profile) throws Exception {
        FoscSession session = CLIENT.newSession(options(camera, profile, PASSWORD).build(), null);
        get(session.connect());
        return session;
    }

    /** {@code millis} of a tone with a ramp on top, so that any shifted, lost or repeated byte shows. */
    static byte[] audio(int millis) {
        byte[] b = new byte[millis * 16];
        for (int i = 0; i < b.length / 2; i++) {
            short s = (short) (6000 * Math.sin(i * 2 * Math.PI * 440 / 8000) + (i % 997));
            b[2 * i] = (byte) s;
            b[2 * i + 1] = (byte) (s >> 8);
        }
        return b;
    }

    /** {@code audio} with the last partial frame padded with silence, as the talk sends it. */
    static byte[] padded(byte[] audio) {
        return Arrays.copyOf(audio, (audio.length + FRAME - 1) / FRAME * FRAME);
    }

    /**
     * Writes {@code audio} in 20 ms pieces every 20 ms, as a microphone would, from its own thread; stops when the
     * talk refuses writes (it ended). Fails {@code error} if a piece was not accepted whole.
     */
    static Thread microphone(FoscTalk talk, byte[] audio, AtomicReference<Throwable> error) {
        Thread t = new Thread(() -> {
            long next = System.nanoTime();
            for (int off = 0; off < audio.length; off += 320) {
                int len = Math.min(320, audio.length - off);
                try {
                    int n = talk.write(audio, off, len);
                    if (n != len) {
                        error.compareAndSet(null, new AssertionError("a real-time write was cut to " + n));
                    }
                } catch (IllegalStateException e) {
                    return; // the talk is over
                }
                next += 20_000_000;
                LockSupport.parkNanos(next - System.nanoTime());
            }
        }, "test-microphone");
        t.start();
        return t;
    }

    static void assertPacedWithoutDiscards(FakeSpeaker speaker, long frames) {
        assertEquals(0, speaker.discardedFrames(), "the camera discarded frames: they came faster than real time");
        List<FakePlayedAudio> played = speaker.played();
        assertEquals(frames, played.size());
        long span = played.get(played.size() - 1).arrivalNanos() - played.get(0).arrivalNanos();
        assertTrue(span >= (frames - 2) * 60_000_000L, "frames arrived over " + span / 1_000_000 + " ms, paced "
                + "sends need at least " + (frames - 2) * 60 + " ms");
    }

    @ParameterizedTest
    @EnumSource(FakeCameraProfile.class)
    void theSpeakerPlaysWhatWasWrittenByteForByteInRealTime(FakeCameraProfile profile) throws Exception {
        FakeCamera camera = camera(profile);
        FoscSession session = connected(camera, clientProfile(profile));
        FoscTalk talk = get(session.openTalk(NO_LEAD_IN));
        byte[] audio = audio(2010); // 33.5 frames: the last one is padded
        AtomicReference<Throwable> error = new AtomicReference<>();
        microphone(talk, audio, error).join();
        FoscTalkStats stats = get(talk.close());
        org.slf4j.LoggerFactory.getLogger(FoscTalkIT.class).info("{}: {}", profile, stats);
        assertEquals(null, error.get());
        assertArrayEquals(padded(audio), camera.speaker().playedPcm());
        assertPacedWithoutDiscards(camera.speaker(), 34);
        assertEquals(34, stats.framesSent());
        assertEquals(1, stats.framesPadded());
        assertEquals(0, stats.framesDroppedLate());
        assertEquals(0, stats.framesDroppedOverflow());
        assertEquals(audio.length, stats.bytesWritten());
        assertEquals(profile.speakerOnLength(), stats.speakerOnLength());
        assertEquals(stats, get(talk.completion()));
        assertEquals(1, camera.recordedFrames(FoscCommand.SPEAKER_OFF).size());
    }

    /**
     * The AUTO profile learns the SPEAKER_ON size from the camera's answers: one request where the SDK's size
     * works, the probe order (160, then 164) on an R2C; a later talk sends the learned size alone, reconnects
     * included, and {@code quirks()} shows it. What the speaker plays is still what was written.
     */
    @ParameterizedTest
    @EnumSource(FakeCameraProfile.class)
    void anAutoSessionLearnsTheSpeakerOnSizeAndTalksInEveryProfile(FakeCameraProfile profile) throws Exception {
        FakeCamera camera = camera(profile);
        FoscSession session = connected(camera, FoscCameraProfile.AUTO);
        assertTrue(session.options().learnsSpeakerOnLength());
        FoscTalk talk = get(session.openTalk(NO_LEAD_IN));
        byte[] audio = audio(600);
        AtomicReference<Throwable> error = new AtomicReference<>();
        microphone(talk, audio, error).join();
        FoscTalkStats stats = get(talk.close());
        assertEquals(null, error.get());
        assertArrayEquals(padded(audio), camera.speaker().playedPcm());
        assertEquals(0, camera.speaker().discardedFrames());
        assertEquals(profile.speakerOnLength(), stats.speakerOnLength());
        int probes = profile.speakerOnLength() == 160 ? 1 : 2; // 160 first; an R2C refuses it, takes 164
        assertEquals(probes, camera.recordedFrames(FoscCommand.SPEAKER_ON).size());
        assertEquals(profile.speakerOnLength(), session.quirks().speakerOnLength());
        assertTrue(session.quirks().speakerOnLengthLearned(), session.quirks().toString());

        camera.inject(FakeFault.reset()); // learned for the session's life, reconnects included
        camera.awaitLoginCount(2, WAIT);
        await(() -> session.state() == FoscSessionState.CONNECTED, WAIT, session::toString);
        FoscTalk again = get(session.openTalk(NO_LEAD_IN));
        assertEquals(probes + 1, camera.recordedFrames(FoscCommand.SPEAKER_ON).size(), "the learned size alone");
        assertEquals(profile.speakerOnLength(), get(again.close()).speakerOnLength());
    }

    @Test
    void aPublisherThatHonoursDemandLosesNothingAndTheLeadInComesFirst() throws Exception {
        FakeCamera camera = camera(FakeCameraProfile.C1_V3);
        FoscSession session = connected(camera, FoscCameraProfile.C1_V3);
        FoscTalk talk = get(session.openTalk()); // the default lead-in: 120 ms
        byte[] audio = audio(2500);
        try (SubmissionPublisher<ByteBuffer> publisher = new SubmissionPublisher<>()) {
            publisher.subscribe(talk.subscriber());
            for (int off = 0; off < audio.length; off += 1000) { // as fast as demand allows
                publisher.submit(ByteBuffer.wrap(audio, off, Math.min(1000, audio.length - off)));
            }
        } // onComplete closes the talk
        FoscTalkStats stats = talk.completion().get(WAIT.toMillis() * 2, TimeUnit.MILLISECONDS);
        byte[] played = camera.speaker().playedPcm();
        assertArrayEquals(new byte[2 * FRAME], Arrays.copyOf(played, 2 * FRAME), "two frames of lead-in silence");
        assertArrayEquals(padded(audio), Arrays.copyOfRange(played, 2 * FRAME, played.length));
        assertEquals(2, stats.leadInFrames());
        assertEquals(0, stats.framesDroppedLate() + stats.framesDroppedOverflow(), stats.toString());
        assertPacedWithoutDiscards(camera.speaker(), stats.framesSent());
    }

    @Test
    void g726PlaysWhatTheEncoderAndDecoderMakeOfTheAudio() throws Exception {
        FakeCamera camera = camera(FakeCameraProfile.FI9821W_V2);
        FoscSession session = connected(camera, FoscCameraProfile.FI9821W_V2);
        FoscTalk talk = get(session.openTalk(NO_LEAD_IN.toBuilder().encoding(FoscTalkEncoding.G726)
                .maxLatency(Duration.ofSeconds(2)).build()));
        byte[] audio = audio(1000);
        assertEquals(audio.length, talk.write(audio, 0, audio.length), "1 s fits the default buffer");
        FoscTalkStats stats = get(talk.close());
        byte[] expected = new G726Decoder().decode(new G726Encoder().encode(padded(audio)));
        assertArrayEquals(expected, camera.speaker().playedPcm());
        assertTrue(camera.speaker().played().stream().allMatch(p -> p.format() == dev.fosc.codec.FoscAudioFormat.G726));
        assertEquals(FoscTalkEncoding.G726, stats.encoding());
        assertPacedWithoutDiscards(camera.speaker(), 17);
    }

    @Test
    void aWriterFasterThanRealTimeHasDropsCountedHereAndNoBurstReachesTheCamera() throws Exception {
        FakeCamera camera = camera(FakeCameraProfile.FI9821W_V2);
        FoscSession session = connected(camera, FoscCameraProfile.FI9821W_V2);
        FoscTalk talk = get(session.openTalk(NO_LEAD_IN));
        byte[] audio = audio(3000);
        int accepted = 0;
        for (int off = 0; off < audio.length; off += 4000) {
            accepted += talk.write(audio, off, Math.min(4000, audio.length - off));
        }
        assertTrue(accepted < audio.length / 2, "the buffer bound refused most of it: accepted " + accepted);
        FoscTalkStats stats = get(talk.close());
        assertTrue(stats.framesDroppedOverflow() > 0, stats.toString());
        assertTrue(stats.framesDroppedLate() > 0, "what waited more than 500 ms was dropped: " + stats);
        assertEquals(0, camera.speaker().discardedFrames());
        assertEquals(stats.framesSent(), camera.speaker().receivedFrames());
        assertTrue(stats.framesSent() <= 12, "about 500 ms of audio, not 3 s: " + stats);
    }

    @Test
    void anotherTalkerIsRefusedUntilTheFirstClosesItsTalk() throws Exception {
        FakeCamera camera = camera(FakeCameraProfile.FI9821W_V2);
        FoscSession first = connected(camera, FoscCameraProfile.FI9821W_V2);
        FoscSession second = connected(camera, FoscCameraProfile.FI9821W_V2);
        FoscTalk talk = get(first.openTalk(NO_LEAD_IN));

        ExecutionException e = assertThrows(ExecutionException.class, () -> get(second.openTalk()));
        FoscTalkRefusedException refused = assertInstanceOf(FoscTalkRefusedException.class, e.getCause());
        assertTrue(refused.getMessage().contains("another talker may already hold the speaker"), refused.getMessage());
        assertTrue(!refused.getMessage().contains(PASSWORD));

        ExecutionException again = assertThrows(ExecutionException.class, () -> get(first.openTalk()));
        assertTrue(again.getCause().getMessage().contains("a talk is already open"), again.getCause().getMessage());

        get(talk.close());
        FoscTalk next = get(second.openTalk(NO_LEAD_IN));
        next.write(audio(120), 0, 2 * FRAME);
        get(next.close());
        assertEquals(2, camera.speaker().played().size());
        assertEquals(2, camera.recordedFrames(FoscCommand.SPEAKER_OFF).size());
    }

    @Test
    void aWrongSpeakerOnSizeIsRefusedWithAHint() throws Exception {
        FakeCamera camera = camera(FakeCameraProfile.R2C);
        FoscSession session = CLIENT.newSession(options(camera, FoscCameraProfile.R2C, PASSWORD)
                .speakerOnLength(160).build(), null);
        get(session.connect());
        ExecutionException e = assertThrows(ExecutionException.class, () -> get(session.openTalk()));
        FoscTalkRefusedException refused = assertInstanceOf(FoscTalkRefusedException.class, e.getCause());
        assertTrue(refused.getMessage().contains("another SPEAKER_ON size")
                && refused.getMessage().contains("an R2C wants 164"), refused.getMessage());
        assertEquals(1, camera.recordedFrames(FoscCommand.SPEAKER_ON).size(), "one request, no loop");
        assertEquals(FoscSessionState.CONNECTED, session.state(), "a refusal leaves the session alone");
    }

    @Test
    void aResetMidTalkInterruptsItAndTheTalkIsNotResumedAfterTheReconnect() throws Exception {
        FakeCamera camera = camera(FakeCameraProfile.FI9821W_V2);
        FoscSession session = connected(camera, FoscCameraProfile.FI9821W_V2);
        FoscTalk talk = get(session.openTalk(NO_LEAD_IN));
        Thread mic = microphone(talk, audio(5000), new AtomicReference<>());
        camera.speaker().awaitReceived(10, WAIT);
        camera.inject(FakeFault.reset());

        ExecutionException e = assertThrows(ExecutionException.class, () -> get(talk.completion()));
        assertInstanceOf(FoscTalkInterruptedException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("interrupted"), e.getCause().getMessage());
        assertInstanceOf(FoscTalkInterruptedException.class, assertThrows(ExecutionException.class,
                () -> get(talk.close())).getCause());
        mic.join(WAIT.toMillis()); // its next write is refused
        assertThrows(IllegalStateException.class, () -> talk.write(new byte[FRAME], 0, FRAME));

        camera.awaitLoginCount(2, WAIT);
        await(() -> session.state() == FoscSessionState.CONNECTED, WAIT, session::toString);
        long received = camera.speaker().receivedFrames();
        Thread.sleep(300);
        assertEquals(received, camera.speaker().receivedFrames(), "talk is not resumed after the reconnect");
        assertEquals(1, camera.recordedFrames(FoscCommand.SPEAKER_ON).size());

        FoscTalk fresh = get(session.openTalk(NO_LEAD_IN)); // a new talk opens on the new connection
        get(fresh.close());
    }

    @Test
    void openTalkNeedsAConnectedSession() throws Exception {
        FakeCamera camera = camera(FakeCameraProfile.FI9821W_V2);
        FoscSession session = CLIENT.newSession(options(camera, FoscCameraProfile.FI9821W_V2, PASSWORD).build(), null);
        ExecutionException e = assertThrows(ExecutionException.class, () -> get(session.openTalk()));
        assertTrue(e.getCause().getMessage().contains("is not connected"), e.getCause().getMessage());
        get(session.close());
        assertThrows(FoscSessionClosedException.class, session::openTalk);
    }

    @Test
    void closingTheSessionInterruptsItsTalk() throws Exception {
        FakeCamera camera = camera(FakeCameraProfile.C1_V3);
        FoscSession session = connected(camera, FoscCameraProfile.C1_V3);
        FoscTalk talk = get(session.openTalk(NO_LEAD_IN));
        talk.write(audio(600), 0, 600 * 16);
        CompletableFuture<Void> closed = session.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> get(talk.completion()));
        assertInstanceOf(FoscTalkInterruptedException.class, e.getCause());
        assertInstanceOf(FoscSessionClosedException.class, e.getCause().getCause());
        get(closed);
        assertEquals(0, talk.buffered());
    }
}
