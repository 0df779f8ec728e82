package dev.fosc.testkit;

import dev.fosc.codec.FoscCommand;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The video of a session, stripped of its media headers, is a valid H.264 stream: ffprobe decodes it to the
 * expected number of frames at the expected size. Also a user-supplied clip, and padding to a bit rate.
 */
class FakeCameraVideoTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void needsFfmpeg() {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/ffprobe")) || onPath("ffprobe"),
                "ffprobe is not installed (CI installs ffmpeg)");
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
        String text = new String(out, StandardCharsets.UTF_8).trim();
        assertEquals(0, p.exitValue(), text);
        return text;
    }

    /** "width,height,frames" as ffprobe decodes the file. */
    private static String probe(Path file) throws IOException, InterruptedException {
        return run("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
                "stream=width,height,nb_read_frames", "-of", "csv=p=0", file.toString());
    }

    /** Records {@code frames} VIDEO_DATA frames of a session and writes their data (headers stripped). */
    private Path recordSession(FakeCamera camera, int frames, List<TestClient.Frame> seen) throws Exception {
        ByteArrayOutputStream h264 = new ByteArrayOutputStream();
        try (TestClient c = TestClient.connect(camera)) {
            c.login(camera, 1);
            c.readUntil(FoscCommand.LOGIN_REPLY);
            c.videoOn(camera, 0, 1);
            c.readUntil(FoscCommand.VIDEO_ON_REPLY);
            for (int i = 0; i < frames; i++) {
                TestClient.Frame f = c.readUntil(FoscCommand.VIDEO_DATA);
                seen.add(f);
                h264.writeBytes(f.mediaData());
            }
        }
        Path file = dir.resolve("session.h264");
        Files.write(file, h264.toByteArray());
        return file;
    }

    @Test
    void sessionVideoDecodesWithFfprobe() throws Exception {
        // 130 frames: the whole 100-frame clip and 30 more after the loop
        try (FakeCamera camera = FakeCamera.builder().fps(100).start()) {
            List<TestClient.Frame> seen = new ArrayList<>();
            Path file = recordSession(camera, 130, seen);
            assertEquals("640,360,130", probe(file));
            int keys = 0;
            for (TestClient.Frame f : seen) {
                keys += f.u32(16);
            }
            assertEquals(6, keys, "one key frame every 25 frames: 0, 25, 50, 75, 100, 125");
        }
    }

    @Test
    void paddedVideoReachesTheBitRateAndStillDecodes() throws Exception {
        int fps = 100;
        int bitRate = 4_000_000; // 5,000 bytes per frame
        try (FakeCamera camera = FakeCamera.builder().fps(fps).videoBitRate(bitRate).start()) {
            List<TestClient.Frame> seen = new ArrayList<>();
            Path file = recordSession(camera, 50, seen);
            assertEquals("640,360,50", probe(file));
            for (TestClient.Frame f : seen) {
                assertTrue(f.mediaData().length >= bitRate / 8 / fps, "padded: " + f.mediaData().length);
            }
            int headerBitRate = seen.get(0).u32(32);
            assertTrue(headerBitRate >= bitRate && headerBitRate < bitRate * 2, "header bit rate " + headerBitRate);
        }
    }

    @Test
    void userSuppliedClipWithoutAccessUnitDelimiters() throws Exception {
        Path clip = dir.resolve("user.h264");
        run("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                "testsrc=size=320x240:rate=10", "-t", "2", "-c:v", "libx264", "-profile:v", "baseline",
                "-pix_fmt", "yuv420p", "-g", "10", "-x264-params", "aud=0", "-f", "h264", clip.toString());
        FakeVideoClip video = FakeVideoClip.fromFile(clip);
        assertEquals(20, video.frameCount());
        assertEquals(320, video.width());
        assertEquals(240, video.height());
        assertEquals(2, video.keyFrameCount());
        try (FakeCamera camera = FakeCamera.builder().video(video).fps(100).start()) {
            List<TestClient.Frame> seen = new ArrayList<>();
            Path file = recordSession(camera, 25, seen);
            assertEquals("320,240,25", probe(file));
            assertEquals(320, seen.get(0).u32(20));
            assertEquals(240, seen.get(0).u32(24));
            assertEquals(100, seen.get(0).u32(28));
        }
    }
}
