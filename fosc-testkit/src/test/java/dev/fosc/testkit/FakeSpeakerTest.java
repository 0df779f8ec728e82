package dev.fosc.testkit;

import dev.fosc.codec.FoscAudioFormat;
import dev.fosc.codec.FoscCommand;
import dev.fosc.codec.FoscSpeakerOff;
import dev.fosc.codec.FoscSpeakerOn;
import dev.fosc.codec.FoscTalkData;
import dev.fosc.codec.G726Decoder;
import dev.fosc.codec.G726Encoder;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.List;

import static dev.fosc.testkit.TestClient.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The speaker: no jitter buffer, paced talk plays whole, bursts are discarded. */
class FakeSpeakerTest {

    private static TestClient talker(FakeCamera camera, int uid) throws Exception {
        TestClient c = TestClient.connect(camera);
        c.login(camera, uid);
        c.readUntil(FoscCommand.LOGIN_REPLY);
        c.send(new FoscSpeakerOn(camera.credentials(), uid, camera.profile().speakerOnLength()));
        assertEquals(0, c.readUntil(FoscCommand.SPEAKER_ON_REPLY).u32(0));
        return c;
    }

    /** 60 ms frames of a rising ramp, each frame different. */
    private static byte[] pcmFrame(int n) {
        byte[] pcm = new byte[FoscAudioFormat.PCM_FRAME_BYTES];
        for (int i = 0; i < pcm.length / 2; i++) {
            int s = (int) (6000 * Math.sin((n * 480 + i) * 2 * Math.PI * 440 / 8000));
            pcm[2 * i] = (byte) s;
            pcm[2 * i + 1] = (byte) (s >> 8);
        }
        return pcm;
    }

    /** Sends {@code frames} one every 60 ms on an absolute schedule, as a real-time client does. */
    private static void sendPaced(TestClient c, List<byte[]> frames) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < frames.size(); i++) {
            long due = start + i * 60_000_000L;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            c.send(new FoscTalkData(Unpooled.wrappedBuffer(frames.get(i))));
        }
    }

    @Test
    void pacedPcmTalkIsPlayedWholeAndInOrder() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().start(); TestClient c = talker(camera, 1)) {
            List<byte[]> frames = new java.util.ArrayList<>();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int i = 0; i < 8; i++) {
                frames.add(pcmFrame(i));
                all.writeBytes(pcmFrame(i));
            }
            sendPaced(c, frames);
            camera.speaker().awaitReceived(8, TIMEOUT);
            assertEquals(0, camera.speaker().discardedFrames(), camera.speaker().toString());
            assertEquals(8, camera.speaker().played().size());
            assertArrayEquals(all.toByteArray(), camera.speaker().playedPcm());
            List<FakePlayedAudio> played = camera.speaker().played();
            for (int i = 1; i < played.size(); i++) {
                assertTrue(played.get(i).playStartNanos() >= played.get(i - 1).playStartNanos()
                        + played.get(i - 1).durationNanos(), "no overlap");
                assertTrue(played.get(i).arrivalNanos() > played.get(i - 1).arrivalNanos());
            }
            assertEquals(FoscAudioFormat.PCM, played.get(0).format());
            assertEquals(0, played.get(0).connectionIndex());
        }
    }

    @Test
    void aBurstIsMostlyDiscarded() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().start(); TestClient c = talker(camera, 1)) {
            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            for (int i = 0; i < 50; i++) {
                burst.writeBytes(TestClient.encode(new FoscTalkData(Unpooled.wrappedBuffer(pcmFrame(i)))));
            }
            c.sendRaw(burst.toByteArray()); // 3 s of audio in one write
            camera.speaker().awaitReceived(50, TIMEOUT);
            assertTrue(camera.speaker().discardedFrames() >= 45, camera.speaker().toString());
            assertTrue(camera.speaker().played().size() <= 5, camera.speaker().toString());
            assertEquals(50, camera.speaker().receivedFrames());
        }
    }

    @Test
    void g726TalkIsDecoded() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().profile(FakeCameraProfile.R2C).start();
             TestClient c = talker(camera, 1)) {
            List<byte[]> frames = new java.util.ArrayList<>();
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            for (int i = 0; i < 4; i++) {
                byte[] g726 = new G726Encoder().encode(pcmFrame(i));
                assertEquals(120, g726.length);
                frames.add(g726);
                expected.writeBytes(new G726Decoder().decode(g726));
            }
            sendPaced(c, frames);
            camera.speaker().awaitReceived(4, TIMEOUT);
            assertEquals(4, camera.speaker().played().size(), camera.speaker().toString());
            assertEquals(FoscAudioFormat.G726, camera.speaker().played().get(0).format());
            assertArrayEquals(expected.toByteArray(), camera.speaker().playedPcm());
        }
    }

    @Test
    void oneTalkerAtATime() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().start(); TestClient first = talker(camera, 1);
             TestClient second = TestClient.connect(camera)) {
            second.login(camera, 2);
            second.readUntil(FoscCommand.LOGIN_REPLY);
            second.send(new FoscSpeakerOn(camera.credentials(), 2));
            assertEquals(1, second.readUntil(FoscCommand.SPEAKER_ON_REPLY).u32(0), "the speaker is taken");

            second.send(new FoscTalkData(Unpooled.wrappedBuffer(pcmFrame(0))));
            camera.takeFrame(FoscCommand.TALK_DATA, TIMEOUT);
            assertEquals(0, camera.speaker().receivedFrames(), "talk without the speaker is not played");

            first.send(new FoscSpeakerOff(camera.credentials()));
            assertEquals(0, first.readUntil(FoscCommand.SPEAKER_OFF_REPLY).u32(0));
            second.send(new FoscSpeakerOn(camera.credentials(), 2));
            assertEquals(0, second.readUntil(FoscCommand.SPEAKER_ON_REPLY).u32(0), "free again");
        }
    }

    @Test
    void closingTheTalkerFreesTheSpeaker() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().start(); TestClient other = TestClient.connect(camera)) {
            talker(camera, 1).close();
            other.login(camera, 2);
            other.readUntil(FoscCommand.LOGIN_REPLY);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            int status;
            do {
                other.send(new FoscSpeakerOn(camera.credentials(), 2));
                status = other.readUntil(FoscCommand.SPEAKER_ON_REPLY).u32(0);
            } while (status != 0 && System.nanoTime() < deadline);
            assertEquals(0, status);
        }
    }

    @Test
    void recordsEveryArrivalPlayedOrDiscardedEvenWhenKeepingNoAudio() {
        FakeSpeaker speaker = new FakeSpeaker(java.time.Duration.ofMillis(100), 0);
        long t = 1_000_000_000L;
        long[] at = {t, t + 60_000_000L, t + 60_000_001L, t + 60_000_002L, t + 180_000_000L}; // the 4th finds 120 ms queued
        for (long a : at) {
            speaker.offer(0, pcmFrame(0), a);
        }
        assertArrayEquals(at, speaker.arrivalNanos());
        assertEquals(1, speaker.discardedFrames());
        assertTrue(speaker.played().isEmpty(), "maxPlayedFrames(0) keeps no audio");
        speaker.clear();
        assertEquals(0, speaker.arrivalNanos().length);
    }

    @Test
    void keepsAtMostMaxPlayedFramesAndCountsTheRest() {
        FakeSpeaker speaker = new FakeSpeaker(java.time.Duration.ofMillis(100), 3);
        byte[] g726 = new G726Encoder().encode(pcmFrame(0));
        long ms = 1_000_000L;
        for (int i = 0; i < 5; i++) {
            assertTrue(speaker.offer(0, g726, i * 60 * ms), "paced frame " + i + " plays");
        }
        assertEquals(3, speaker.played().size());
        assertEquals(2, speaker.playedFramesNotKept());
        assertEquals(5, speaker.receivedFrames());
        assertArrayEquals(new G726Decoder().decode(g726), speaker.played().get(2).pcm());
        // frames not kept still took their time on the play clock: frame 4 plays until 300 ms
        assertTrue(speaker.offer(0, g726, 240 * ms), "60 ms of backlog: played");
        assertEquals(false, speaker.offer(0, g726, 240 * ms), "120 ms of backlog: discarded");
        assertEquals(1, speaker.discardedFrames());
        assertEquals(3, speaker.playedFramesNotKept());
        assertTrue(speaker.toString().contains("played=6"), speaker.toString());
        speaker.clear();
        assertEquals(0, speaker.playedFramesNotKept());
        try (FakeCamera camera = FakeCamera.builder().build()) {
            assertEquals(FakeSpeaker.DEFAULT_MAX_PLAYED_FRAMES, camera.speaker().maxPlayedFrames());
        }
    }
}
