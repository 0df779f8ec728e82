package dev.fosc.cli.record;

import dev.fosc.client.FoscCameraProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The small pieces of {@code fosc record}: option converters, password sources, gaps (the file writers are in fosc-client). */
class RecordHelpersTest {

    @TempDir
    Path tmp;

    @Test
    void durations() {
        assertEquals(Duration.ofMillis(500), DurationConverter.parse("500ms"));
        assertEquals(Duration.ofSeconds(30), DurationConverter.parse("30s"));
        assertEquals(Duration.ofSeconds(30), DurationConverter.parse("30"));
        assertEquals(Duration.ofMinutes(2), DurationConverter.parse("2m"));
        assertEquals(Duration.ofHours(1), DurationConverter.parse("1h"));
        assertEquals(Duration.ofMillis(1500), DurationConverter.parse("1.5s"));
        assertEquals(Duration.ofSeconds(90), DurationConverter.parse("PT1M30S"));
        assertThrows(CommandLine.TypeConversionException.class, () -> DurationConverter.parse("soon"));
        assertThrows(CommandLine.TypeConversionException.class, () -> DurationConverter.parse("0s"));
    }

    @Test
    void profiles() {
        ProfileConverter c = new ProfileConverter();
        assertEquals(FoscCameraProfile.AUTO, c.convert("auto"));
        assertEquals("auto", ProfileConverter.cliName(FoscCameraProfile.AUTO));
        assertEquals(FoscCameraProfile.FI9821W_V2, c.convert("fi9821w-v2"));
        assertEquals(FoscCameraProfile.R2C, c.convert("R2C"));
        assertEquals(FoscCameraProfile.C1_V3, c.convert("c1_v3"));
        assertEquals("c1-v3", ProfileConverter.cliName(FoscCameraProfile.C1_V3));
        CommandLine.TypeConversionException e = assertThrows(CommandLine.TypeConversionException.class,
                () -> c.convert("d-link"));
        assertTrue(e.getMessage().contains(ProfileConverter.NAMES));
    }

    @Test
    void passwordComesFromTheOptionThenTheFileThenTheEnvironment() throws Exception {
        Path file = tmp.resolve("pw");
        Files.writeString(file, "from-file\r\nsecond line");
        Map<String, String> env = Map.of(PasswordSource.ENV, "from-env");
        assertEquals("opt", PasswordSource.resolve("opt", null, env));
        assertEquals("from-file", PasswordSource.resolve(null, file, env));
        assertEquals("from-env", PasswordSource.resolve(null, null, env));
        assertEquals("", PasswordSource.resolve(null, null, Map.of(PasswordSource.ENV, "")), "an empty one is one");
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> PasswordSource.resolve(null, null, Map.of()));
        assertTrue(none.getMessage().contains(PasswordSource.ENV));
        assertThrows(IllegalArgumentException.class, () -> PasswordSource.resolve("opt", file, env));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> PasswordSource.resolve(null, tmp.resolve("nope"), env));
        assertFalse(missing.getMessage().contains("from-env"));
    }

    @Test
    void gapsOpenOnALossAndCloseWhenVideoResumes() {
        GapTracker g = new GapTracker();
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        g.resumed(t0);
        assertTrue(g.gaps().isEmpty());
        g.lost(t0, "reset");
        g.lost(t0.plusSeconds(1), "refused"); // still the same gap
        assertTrue(g.inGap());
        g.resumed(t0.plusSeconds(3));
        g.lost(t0.plusSeconds(10), "stalled");
        assertEquals(2, g.gaps().size());
        assertEquals("reset", g.gaps().get(0).cause());
        assertEquals(Duration.ofSeconds(3), g.gaps().get(0).length(null));
        assertNull(g.gaps().get(1).end());
        assertEquals(Duration.ofSeconds(5), g.gaps().get(1).length(t0.plusSeconds(15)));
    }
}
