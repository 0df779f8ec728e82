package dev.fosc.cli;

import dev.fosc.cli.record.Recorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code fosc demo} as a whole: it leaves files that decode, talks, heals a reset and refuses a wrong password
 * after one attempt.
 */
class DemoCommandIT {

    @TempDir
    Path tmp;

    @Test
    void demoLeavesFilesThatDecodeAndReportsEveryStep() throws Exception {
        Path out = tmp.resolve("fosc-demo");
        CliTestSupport.Result r = CliTestSupport.run("demo", "--duration", "4s", "--out", out.toString());

        assertEquals(0, r.exit(), r.toString());
        String text = r.out();
        assertTrue(text.contains("the speaker played exactly what was sent"), text);
        assertTrue(text.contains("Reconnected after"), text);
        assertTrue(text.contains("A wrong password was refused after 1 login attempt "), text);
        assertTrue(text.contains("ffplay " + out.resolve(Recorder.VIDEO_FILE)), text);

        String session = Files.readString(out.resolve(Recorder.SESSION_FILE));
        long frames = Long.parseLong(session.replaceAll("(?s).*\"frames\" : (\\d+),\\s*\"keyFrames\".*", "$1"));
        long[] video = CliTestSupport.probeVideo(out.resolve(Recorder.VIDEO_FILE));
        assertEquals(frames, video[0], "every frame the summary counts decodes");
        assertTrue(frames > 25, "more than a second of video: " + frames);
        assertEquals(640, video[1]);
        assertEquals(360, video[2]);
        assertTrue(session.contains("\"outcome\" : \"completed\""), session);

        long audioMillis = CliTestSupport.probeAudioMillis(out.resolve(Recorder.AUDIO_FILE));
        assertTrue(audioMillis >= 2000 && audioMillis <= 4500, "audio.wav lasts " + audioMillis + " ms");

        List<String> events = Files.readAllLines(out.resolve(Recorder.EVENTS_FILE));
        long motion = events.stream().filter(l -> l.contains("\"type\":\"motion\"")).count();
        assertTrue(motion >= 2, "motion alerts every second for 4 s: " + events);
    }

    @Test
    void tooShortADurationIsAUsageError() {
        CliTestSupport.Result r = CliTestSupport.run("demo", "--duration", "1s", "--out", tmp.toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().lines().count() <= 3, r.err());
        assertTrue(r.err().contains("fosc demo --help"), r.err());
    }

    @Test
    void demoIsRegisteredInTheFoscCommand() {
        assertTrue(FoscCli.commandLine().getSubcommands().keySet()
                .containsAll(List.of("decode", "fake-camera", "record", "demo", "help")));
    }
}
