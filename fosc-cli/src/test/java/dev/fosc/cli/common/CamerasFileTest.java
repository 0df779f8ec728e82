package dev.fosc.cli.common;

import dev.fosc.client.FoscCameraProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cameras file: the example of issue 10 parses; each kind of mistake is one line naming file, line and key. */
class CamerasFileTest {

    @TempDir
    Path tmp;

    private Path file(String yaml) throws Exception {
        return Files.writeString(tmp.resolve("cameras.yml"), yaml);
    }

    private String error(String yaml, Map<String, String> env) throws Exception {
        Path f = file(yaml);
        CliException e = assertThrows(CliException.class, () -> CamerasFile.parse(f, env));
        assertEquals(ExitCodes.USAGE, e.exitCode());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), "no password: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void theIssuesExampleParses() throws Exception {
        Path f = file("cameras:\n"
                + "  door:\n"
                + "    url: fosc://admin:${DOOR_PASSWORD}@192.168.1.20:88   # from the environment\n"
                + "    profile: auto\n"
                + "  yard:\n"
                + "    url: fosc://admin:secret%3A1@192.168.1.21\n"
                + "    profile: r2c\n"
                + "  v6:\n"
                + "    url: fosc://us%40er:@[::1]:8888\n");
        List<CameraTarget> cameras = CamerasFile.parse(f, Map.of("DOOR_PASSWORD", "p@ss:%41"));
        assertEquals(3, cameras.size());
        assertEquals(new CameraTarget("door", "192.168.1.20", 88, "admin", "p@ss:%41", FoscCameraProfile.AUTO),
                cameras.get(0), "a variable's value is taken verbatim");
        assertEquals(new CameraTarget("yard", "192.168.1.21", 88, "admin", "secret:1", FoscCameraProfile.R2C),
                cameras.get(1));
        assertEquals(new CameraTarget("v6", "::1", 8888, "us@er", "", FoscCameraProfile.AUTO), cameras.get(2));
        assertEquals("fosc://admin:***@192.168.1.21:88", cameras.get(1).displayUrl());
        assertFalse(cameras.get(1).toString().contains("secret"), cameras.get(1).toString());
    }

    @Test
    void anUnknownKeyNamesFileLineAndKey() throws Exception {
        String m = error("cameras:\n  door:\n    url: fosc://a:s3cret@h\n    profle: r2c\n", Map.of());
        assertEquals(tmp.resolve("cameras.yml") + ":4: cameras.door.profle: unknown key (a camera has: url,"
                + " profile)", m);
    }

    @Test
    void aMissingVariableNamesIt() throws Exception {
        String m = error("cameras:\n  door:\n    url: fosc://admin:${DOOR_PASSWORD}@h\n", Map.of());
        assertTrue(m.endsWith(":3: cameras.door.url: the environment variable DOOR_PASSWORD (in the URL's password)"
                + " is not set"), m);
    }

    @Test
    void badUrlsAndProfilesAreSaidWithoutThePassword() throws Exception {
        assertTrue(error("cameras:\n  a:\n    url: http://admin:s3cret@h\n", Map.of()).contains(
                ":3: cameras.a.url: not a fosc:// URL"));
        assertTrue(error("cameras:\n  a:\n    url: fosc://admin:s3cret@h:eighty\n", Map.of()).contains(
                "cameras.a.url: the URL's port is not a number from 1 to 65535: 'eighty'"));
        assertTrue(error("cameras:\n  a:\n    url: fosc://admin:s3cret%zz@h\n", Map.of()).contains(
                "cameras.a.url: a '%' in the URL's password"));
        assertTrue(error("cameras:\n  a:\n    url: fosc://admin:s3cret@h\n    profile: r3\n", Map.of()).contains(
                ":4: cameras.a.profile: unknown camera profile 'r3'"));
        assertTrue(error("cameras:\n  a:\n    profile: r2c\n", Map.of()).contains(":2: cameras.a: missing 'url:'"));
    }

    @Test
    void malformedYamlAndUnknownSectionsAreErrors() throws Exception {
        String m = error("cameras:\n  door:\n    url: \"fosc://unclosed\n", Map.of());
        assertTrue(m.startsWith(tmp.resolve("cameras.yml") + ":"), m);
        assertTrue(m.contains("malformed YAML"), m);
        assertTrue(error("cameras:\n  a:\n    url: fosc://a:s3cret@h\nrtsp:\n  port: 8554\n", Map.of())
                .contains(":4: rtsp: unknown section (this command reads: cameras)"));
        assertTrue(error("cameraz:\n  a: {}\n", Map.of()).contains(":1: cameraz: unknown section"));
        assertTrue(error("cameras:\n  'door one':\n    url: fosc://a:b@h\n", Map.of()).contains(
                "cameras.door one: a camera name may only have"));
    }

    @Test
    void aCommandThatReadsMoreSectionsSaysSo() throws Exception {
        Path f = file("rtsp:\n  port: 8554\ncameras:\n  a:\n    url: fosc://a:b@h\n");
        assertEquals(1, CamerasFile.parse(f, Map.of(), Set.of("rtsp")).size());
    }

    @Test
    void aMissingFileIsSaidInWords() {
        CliException e = assertThrows(CliException.class, () -> CamerasFile.parse(tmp.resolve("nope.yml"),
                Map.of()));
        assertEquals("the cameras file " + tmp.resolve("nope.yml") + " cannot be read: no such file or directory",
                e.getMessage());
    }
}
