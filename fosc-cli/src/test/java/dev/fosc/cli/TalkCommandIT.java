package dev.fosc.cli;

import dev.fosc.client.FoscTalkOptions;
import dev.fosc.codec.FoscCommand;
import dev.fosc.testkit.FakeCamera;
import dev.fosc.testkit.FakeCameraProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code fosc talk} against a fake camera: what the speaker played is the file, converted where needed. */
class TalkCommandIT {

    private static final String PASSWORD = "talk-secret-7";

    @TempDir
    Path tmp;

    /** A WAV file of a 440 Hz tone (amplitude 8000) at {@code rate} with {@code channels} equal channels. */
    private Path toneWav(String name, float rate, int channels, double seconds) throws Exception {
        int frames = (int) (rate * seconds);
        ByteBuffer b = ByteBuffer.allocate(frames * 2 * channels).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            short v = (short) Math.round(8000 * Math.sin(2 * Math.PI * 440 * i / rate));
            for (int c = 0; c < channels; c++) {
                b.putShort(v);
            }
        }
        AudioFormat f = new AudioFormat(rate, 16, channels, true, false);
        Path file = tmp.resolve(name);
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(b.array()), f, frames),
                AudioFileFormat.Type.WAVE, file.toFile());
        return file;
    }

    private static byte[] afterLeadIn(byte[] played) {
        int lead = (int) FoscTalkOptions.DEFAULT.leadInFrames() * FoscTalkOptions.FRAME_BYTES;
        return Arrays.copyOfRange(played, lead, played.length);
    }

    private static String[] args(FakeCamera camera, Path file) {
        return new String[] {"talk", "--host", camera.host(), "--port", String.valueOf(camera.port()),
            "--password", PASSWORD, "--file", file.toString()};
    }

    @Test
    void anEightKilohertzMonoFileIsPlayedExactly() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().password(PASSWORD).profile(FakeCameraProfile.R2C).start()) {
            Path wav = toneWav("tone.wav", 8000, 1, 1.23); // 20.5 frames of 60 ms
            byte[] pcm = CliTestSupport.wavData(wav);
            assertEquals(9840 * 2, pcm.length);
            CliTestSupport.Result r = CliTestSupport.run(args(camera, wav));
            assertEquals(0, r.exit(), r.toString());
            r.assertHides(PASSWORD);
            assertTrue(r.out().contains("23 frames sent (2 of lead-in silence), 1 padded, 0 dropped late"),
                    r.out());
            assertTrue(r.out().contains("SPEAKER_ON size 164"), "AUTO learned the R2C's size: " + r.out());
            byte[] played = afterLeadIn(camera.speaker().playedPcm());
            assertArrayEquals(pcm, Arrays.copyOf(played, pcm.length), "the speaker played the file as it is");
            assertEquals(1, camera.recordedFrames(FoscCommand.SPEAKER_OFF).size());
        }
    }

    @Test
    void aStereoFortyFourKilohertzFileIsConvertedWithinATolerance() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().password(PASSWORD).start()) {
            Path wav = toneWav("stereo.wav", 44100, 2, 1.0);
            CliTestSupport.Result r = CliTestSupport.run(args(camera, wav));
            assertEquals(0, r.exit(), r.toString());
            assertTrue(r.out().contains("44100 Hz, 2 channels"), r.out());
            ByteBuffer played = ByteBuffer.wrap(afterLeadIn(camera.speaker().playedPcm()))
                    .order(ByteOrder.LITTLE_ENDIAN);
            assertTrue(played.remaining() >= 16000, "a second of 8 kHz audio: " + played.remaining());
            double worst = 0;
            for (int i = 400; i < 7600; i++) { // away from the edges
                double ideal = 8000 * Math.sin(2 * Math.PI * 440 * i / 8000.0);
                worst = Math.max(worst, Math.abs(played.getShort(2 * i) - ideal));
            }
            assertTrue(worst < 200, "largest difference from the ideal 8 kHz tone: " + worst + " of 8000");
        }
    }

    @Test
    void aFileThatIsNotAWavIsAClearErrorBeforeConnecting() throws Exception {
        Path text = Files.writeString(tmp.resolve("notes.wav"), "this is not audio\n".repeat(20));
        CliTestSupport.Result r = CliTestSupport.run("talk", "--host", "127.0.0.1", "--port", "1", "--password", "x",
                "--file", text.toString());
        assertEquals(2, r.exit(), r.toString());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(text + " is not a WAV file"), r.err());

        CliTestSupport.Result missing = CliTestSupport.run("talk", "--host", "127.0.0.1", "--password", "x",
                "--file", tmp.resolve("nope.wav").toString());
        assertEquals(2, missing.exit(), missing.toString());
        assertTrue(missing.err().contains("cannot be read: no such file or directory"), missing.err());
    }

    @Test
    void aDashReadsTheWavFromStandardInput() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().password(PASSWORD).start()) {
            Path wav = toneWav("tone.wav", 8000, 1, 0.6);
            byte[] pcm = CliTestSupport.wavData(wav);
            java.io.StringWriter out = new java.io.StringWriter();
            picocli.CommandLine cli = CliTestSupport.withHandlers(new TalkCommand().env(java.util.Map.of(
                    "FOSC_PASSWORD", PASSWORD)).stdin(new ByteArrayInputStream(Files.readAllBytes(wav))));
            cli.setOut(new java.io.PrintWriter(out, true));
            int exit = cli.execute("--host", camera.host(), "--port", String.valueOf(camera.port()), "--file", "-");
            assertEquals(0, exit, out.toString());
            assertTrue(out.toString().contains("from standard input (8000 Hz, 1 channel)"), out.toString());
            byte[] played = afterLeadIn(camera.speaker().playedPcm());
            assertArrayEquals(pcm, Arrays.copyOf(played, pcm.length));
        }
    }
}
