package dev.fosc.cli;

import dev.fosc.testkit.FakeCamera;
import dev.fosc.testkit.FakeCameraProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code fosc capture} writes both directions of a session, and {@code fosc decode} reads them. */
class CaptureCommandIT {

    private static final String PASSWORD = "capture-secret-9";

    @TempDir
    Path tmp;

    private static long count(String jsonLines, String name) {
        return jsonLines.lines().filter(l -> l.contains("\"name\":\"" + name + "\"")).count();
    }

    @Test
    void capturesBothDirectionsInAFormDecodeReads() throws Exception {
        try (FakeCamera camera = FakeCamera.builder().password(PASSWORD).profile(FakeCameraProfile.R2C)
                .presets(List.of("door")).start()) {
            Path out = tmp.resolve("cap");
            CliTestSupport.Result r = CliTestSupport.run(Map.of("FOSC_PASSWORD", PASSWORD), "capture", "--host",
                    camera.host(), "--port", String.valueOf(camera.port()), "--out", out.toString(), "--duration",
                    "2s");
            assertEquals(0, r.exit(), r.toString());
            r.assertHides(PASSWORD);
            assertTrue(r.out().contains("fosc decode " + out.resolve("camera.bin")), r.out());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    out.resolve("client.bin"))), "the login is in it: owner only");

            CliTestSupport.Result client = CliTestSupport.run("decode", out.resolve("client.bin").toString());
            assertEquals(0, client.exit(), client.toString());
            client.assertHides(PASSWORD);
            assertEquals(1, count(client.out(), "LOGIN"), client.out());
            assertTrue(client.out().contains("\"password\":\"<redacted>\""), client.out());
            assertTrue(count(client.out(), "VIDEO_ON") >= 1, client.out());
            assertTrue(count(client.out(), "AUDIO_ON") >= 1, client.out());

            CliTestSupport.Result cam = CliTestSupport.run("decode", out.resolve("camera.bin").toString());
            assertEquals(0, cam.exit(), cam.toString());
            assertEquals(1, count(cam.out(), "LOGIN_REPLY"), cam.out());
            assertTrue(cam.out().contains("\"presets\":[\"door\"]"), cam.out());
            assertTrue(count(cam.out(), "VIDEO_DATA") > 20, "video for about 2 s");
            assertTrue(count(cam.out(), "AUDIO_DATA") > 10, "audio for about 2 s");
        }
    }

    @Test
    void anUnreachableCameraExitsFour() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CliTestSupport.Result r = CliTestSupport.run("capture", "--host", "127.0.0.1", "--port",
                String.valueOf(port), "--password", "x", "--out", tmp.resolve("cap").toString(), "--duration", "1s");
        assertEquals(4, r.exit(), r.toString());
        assertEquals(1, r.err().lines().count(), r.err());
        assertEquals("error: cannot connect to 127.0.0.1:" + port + ": connection refused", r.err().strip());
    }
}
