package dev.fosc.cli.record;

import dev.fosc.cli.FoscCli;
import dev.fosc.codec.FoscCommand;
import dev.fosc.testkit.FakeCamera;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code fosc record} in its own JVM, ended by SIGTERM (what Ctrl-C does, as far as shutdown hooks go): the
 * recording must end cleanly, with closed files and a session.json.
 */
class RecordShutdownIT {

    private static final String PASSWORD = "cam-secret-43";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    private static int le32(byte[] b, int at) {
        return ByteBuffer.wrap(b, at, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    @Test
    void sigtermEndsTheRecordingWithClosedFilesAndASessionJson() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().password(PASSWORD).start()) {
            Path out = tmp.resolve("rec");
            Path log = tmp.resolve("log.txt");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                    FoscCli.class.getName(), "record", "--host", camera.host(), "--port", String.valueOf(camera.port()),
                    "--out", out.toString(), "--duration", "10m", "--audio"))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("FOSC_PASSWORD", PASSWORD);
            Process p = pb.start();
            try {
                camera.awaitLoginCount(1, WAIT);
                camera.takeFrame(FoscCommand.AUDIO_ON, WAIT);
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (camera.audioFramesSent() < 10 || camera.videoFramesSent() < 30) {
                    assertTrue(System.nanoTime() < deadline, "no media");
                    TimeUnit.MILLISECONDS.sleep(10);
                }
                p.destroy(); // SIGTERM
                assertTrue(p.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "the recorder did not end");
            } finally {
                p.destroyForcibly();
            }
            String output = Files.readString(log);
            assertFalse(output.contains(PASSWORD), output);
            assertEquals(143, p.exitValue(), "SIGTERM after the files were finished: 128 + 15\n" + output);
            assertTrue(output.contains("stopped early"), "the summary says it was stopped: " + output);

            Map<String, Object> s = JsonFields.parse(Files.readString(out.resolve(Recorder.SESSION_FILE)));
            assertEquals("stopped", s.get("outcome"), output);
            byte[] wav = Files.readAllBytes(out.resolve(Recorder.AUDIO_FILE));
            assertTrue(wav.length > 44, "audio was written");
            assertEquals(wav.length - 8, le32(wav, 4), "RIFF size filled in: the WAV file was closed");
            assertEquals(wav.length - 44, le32(wav, 40), "data size filled in");
            long frames = (Long) s.get("video.frames");
            assertTrue(frames > 0, s.toString());
            assertEquals(frames, RecordCommandIT.probeVideo(out.resolve(Recorder.VIDEO_FILE))[0],
                    "every frame counted is in the file (flushed)");
        }
    }
}
