package dev.fosc.cli;

import dev.fosc.cli.record.JsonFieldsAccess;
import dev.fosc.codec.FoscCommand;
import dev.fosc.testkit.FakeCamera;
import dev.fosc.testkit.FakeCameraProfile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code fosc probe --json} reports the quirks of each of the three firmware profiles, talking to no speaker. */
class ProbeCommandIT {

    private static final String PASSWORD = "probe-secret-3";

    @ParameterizedTest
    @CsvSource({"fi9821w-v2, 0, 160, pcm", "r2c, 1, 164, g726", "c1-v3, 0, 160, pcm"})
    void reportsTheQuirksOfEachProfile(String firmware, long streamByte, long speakerOnSize, String audio) {
        try (FakeCamera camera = FakeCamera.builder().password(PASSWORD).profile(FakeCameraProfile.fromName(firmware))
                .presets(List.of("door")).cruises(List.of("round")).cameraId("ID" + firmware.replace("-", "")).start()) {
            CliTestSupport.Result r = CliTestSupport.run(Map.of("FOSC_PASSWORD", PASSWORD), "probe", "--host",
                    camera.host(), "--port", String.valueOf(camera.port()), "--json");
            assertEquals(0, r.exit(), r.toString());
            r.assertHides(PASSWORD);
            assertEquals(1, r.out().lines().count(), "exactly one JSON object: " + r.out());
            Map<String, Object> p = JsonFieldsAccess.parse(r.out());
            assertEquals(List.of("cameraId", "presets[0]", "cruises[0]", "video.width", "video.height",
                    "video.frameRate", "video.bitRate", "audioFormat", "videoStreamByte", "speakerOnSize", "profile"),
                    List.copyOf(p.keySet()));
            assertEquals("ID" + firmware.replace("-", ""), p.get("cameraId"));
            assertEquals("door", p.get("presets[0]"));
            assertEquals("round", p.get("cruises[0]"));
            assertEquals(640L, p.get("video.width"));
            assertEquals(360L, p.get("video.height"));
            assertEquals(25L, p.get("video.frameRate"));
            assertTrue((Long) p.get("video.bitRate") > 0, p.toString());
            assertEquals(audio, p.get("audioFormat"));
            assertEquals(streamByte, p.get("videoStreamByte"));
            assertEquals(speakerOnSize, p.get("speakerOnSize"));
            assertEquals(firmware, p.get("profile"));
            assertEquals(0, camera.recordedFrames(FoscCommand.TALK_DATA).size(), "the speaker played nothing");
            assertEquals(1, camera.recordedFrames(FoscCommand.SPEAKER_OFF).size());
        }
    }
}
