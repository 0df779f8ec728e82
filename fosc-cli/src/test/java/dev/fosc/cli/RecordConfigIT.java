package dev.fosc.cli;

import dev.fosc.cli.record.JsonFieldsAccess;
import dev.fosc.cli.record.Recorder;
import dev.fosc.testkit.FakeCamera;
import dev.fosc.testkit.FakeCameraProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code fosc record --config}: three cameras in three firmware profiles recorded at once, one folder each. */
class RecordConfigIT {

    @TempDir
    Path tmp;

    private final List<FakeCamera> cameras = new ArrayList<>();

    @AfterEach
    void close() {
        cameras.forEach(FakeCamera::close);
    }

    @Test
    void recordsThreeCamerasInThreeProfiles() throws Exception {
        String[] names = {"door", "yard", "hall"};
        FakeCameraProfile[] firmware = {FakeCameraProfile.FI9821W_V2, FakeCameraProfile.R2C, FakeCameraProfile.C1_V3};
        String[] profiles = {"fi9821w-v2", "auto", "c1-v3"};
        StringBuilder yaml = new StringBuilder("cameras:\n");
        for (int i = 0; i < 3; i++) {
            FakeCamera c = FakeCamera.builder().password("pw:" + i).profile(firmware[i]).start();
            cameras.add(c);
            yaml.append("  ").append(names[i]).append(":\n")
                    .append("    url: fosc://admin:${PW_").append(i).append("}@").append(c.host()).append(':')
                    .append(c.port()).append('\n')
                    .append("    profile: ").append(profiles[i]).append('\n');
        }
        Path config = Files.writeString(tmp.resolve("cameras.yml"), yaml.toString());
        Path out = tmp.resolve("rec");
        CliTestSupport.Result r = CliTestSupport.run(Map.of("PW_0", "pw:0", "PW_1", "pw:1", "PW_2", "pw:2"),
                "record", "--config", config.toString(), "--out", out.toString(), "--duration", "3s", "--audio",
                "--status-interval", "500ms");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.err().contains("progress: 3 cameras  0:00:0"), "a progress line: " + r.err());
        assertFalse(r.err().contains("pw:"), r.err());
        for (int i = 0; i < 3; i++) {
            Path dir = out.resolve(names[i]);
            assertTrue(r.out().contains(names[i] + ": completed: recorded "), r.out());
            Map<String, Object> s = JsonFieldsAccess.parse(Files.readString(dir.resolve(Recorder.SESSION_FILE)));
            long frames = (Long) s.get("video.frames");
            assertTrue(frames > 25, names[i] + ": " + s);
            long[] probe = CliTestSupport.probeVideo(dir.resolve(Recorder.VIDEO_FILE));
            assertEquals(frames, probe[0], names[i]);
            assertEquals(640, probe[1], names[i]);
            assertEquals(360, probe[2], names[i]);
            long audioMillis = CliTestSupport.probeAudioMillis(dir.resolve(Recorder.AUDIO_FILE));
            assertTrue(audioMillis > 1500, names[i] + " audio " + audioMillis);
            assertEquals(1, cameras.get(i).loginCount(), names[i]);
        }
    }

    @Test
    void aBadConfigIsOneLineNamingFileLineAndKey() throws Exception {
        Path config = Files.writeString(tmp.resolve("cameras.yml"),
                "cameras:\n  door:\n    url: fosc://admin:${NOT_SET}@127.0.0.1\n");
        CliTestSupport.Result r = CliTestSupport.run("record", "--config", config.toString(), "--out",
                tmp.resolve("rec").toString());
        assertEquals(2, r.exit(), r.toString());
        assertEquals("error: " + config + ":3: cameras.door.url: the environment variable NOT_SET (in the URL's"
                + " password) is not set", r.err().strip());
    }
}
