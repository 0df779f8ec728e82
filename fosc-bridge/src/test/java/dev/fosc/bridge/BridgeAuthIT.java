package dev.fosc.bridge;

import dev.fosc.client.FoscClient;
import dev.fosc.client.FoscSessionOptions;
import dev.fosc.codec.FoscCredentials;
import dev.fosc.testkit.FakeCamera;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ffprobe against a bridge that asks for credentials: with them in the URL it reads the camera, else it is refused. */
class BridgeAuthIT {

    private static final String USER = "viewer";
    private static final String PASSWORD = "view-pw-7";

    private FakeCamera camera;
    private FoscClient client;
    private BridgeServer bridge;

    @BeforeEach
    void start() {
        camera = FakeCamera.builder().password("pw").start();
        client = FoscClient.builder().threads(2).build();
        bridge = BridgeServer.builder(client).port(0).credentials(USER, PASSWORD)
                .camera("door", FoscSessionOptions.builder(camera.host(), FoscCredentials.of("admin", "pw"))
                        .port(camera.port()).build())
                .build().start();
    }

    @AfterEach
    void stop() {
        bridge.close();
        client.close();
        camera.close();
    }

    @Test
    void ffprobeWithTheCredentialsInTheUrlReadsTheCameraThroughDigest() throws Exception {
        String url = "rtsp://" + USER + ":" + PASSWORD + "@127.0.0.1:" + bridge.port() + "/door";
        Probe probe = ffprobe("-v", "trace", url);
        assertTrue(probe.code == 0, probe.output);
        assertTrue(probe.output.contains("codec_name=h264") && probe.output.contains("width=640")
                && probe.output.contains("codec_name=pcm_mulaw"), probe.output);
        // ffmpeg logs the requests it sends at trace level: it answered the challenge with Digest, not Basic
        assertTrue(probe.output.contains("Authorization: Digest username=\"viewer\""), probe.output);
        assertFalse(probe.output.contains("Authorization: Basic"), probe.output);
    }

    @Test
    void ffprobeWithoutCredentialsOrWithAWrongPasswordIsRefusedWith401() throws Exception {
        Probe none = ffprobe("-v", "error", "rtsp://127.0.0.1:" + bridge.port() + "/door");
        assertNotEquals(0, none.code, none.output);
        assertTrue(none.output.contains("401 Unauthorized"), "the refusal says why: " + none.output);
        Probe wrong = ffprobe("-v", "error", "rtsp://" + USER + ":guess@127.0.0.1:" + bridge.port() + "/door");
        assertNotEquals(0, wrong.code, wrong.output);
        assertTrue(wrong.output.contains("401 Unauthorized"), wrong.output);
        assertTrue(bridge.stats().get(0).viewers() == 0, bridge.stats().toString());
    }

    private record Probe(int code, String output) {
    }

    private static Probe ffprobe(String verbosity, String level, String url) throws Exception {
        List<String> cmd = List.of("ffprobe", verbosity, level, "-rtsp_transport", "tcp", "-show_entries",
                "stream=codec_type,codec_name,width,height", "-of", "compact", url);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        int code = Tools.await(p, 60);
        return new Probe(code, new String(out, StandardCharsets.UTF_8));
    }
}
