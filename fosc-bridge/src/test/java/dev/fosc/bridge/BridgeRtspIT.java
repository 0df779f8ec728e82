package dev.fosc.bridge;

import dev.fosc.client.FoscClient;
import dev.fosc.client.FoscReconnectPolicy;
import dev.fosc.client.FoscSessionOptions;
import dev.fosc.codec.FoscCredentials;
import dev.fosc.testkit.FakeCamera;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ffmpeg and ffprobe, real RTSP clients, read a bridge in front of a FakeCamera over RTSP/TCP. */
class BridgeRtspIT {

    private static final String PASSWORD = "bridge-pw";

    @TempDir
    Path dir;

    private FakeCamera camera;
    private FoscClient client;
    private BridgeServer bridge;
    private String url;

    @BeforeEach
    void start() {
        camera = FakeCamera.builder().password(PASSWORD).start();
        client = FoscClient.builder().threads(2).build();
        FoscSessionOptions options = FoscSessionOptions.builder(camera.host(), FoscCredentials.of("admin", PASSWORD))
                .port(camera.port()).reconnectPolicy(FoscReconnectPolicy.builder()
                        .initialDelay(Duration.ofMillis(20)).build()).build();
        bridge = BridgeServer.builder(client).port(0).camera("door", options).build().start();
        url = "rtsp://127.0.0.1:" + bridge.port() + "/door";
    }

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
        client.close();
        camera.close();
    }

    @Test
    void listensOnAPickedPort() {
        assertTrue(bridge.port() > 0);
        assertEquals("rtsp listening on 127.0.0.1:" + bridge.port(), bridge.listeningLine());
    }

    @Test
    void twoViewersAtOnceAndALateJoinerGetDecodableH264AndPcmu() throws Exception {
        Path first = dir.resolve("first.mkv");
        Path second = dir.resolve("second.mkv");
        Path late = dir.resolve("late.mkv");
        Process a = Tools.start(dir.resolve("first.log"), Tools.record(url, 5, first).toArray(String[]::new));
        Process b = Tools.start(dir.resolve("second.log"), Tools.record(url, 5, second).toArray(String[]::new));
        Thread.sleep(1500); // the late joiner comes in mid-GOP (a key frame a second)
        Process c = Tools.start(dir.resolve("late.log"), Tools.record(url, 3, late).toArray(String[]::new));
        for (Process p : List.of(a, b, c)) {
            int code = Tools.await(p, 60);
            assertEquals(0, code, () -> logs());
        }
        for (Path file : List.of(first, second, late)) {
            String streams = Tools.run("ffprobe", "-v", "error", "-count_frames", "-show_entries",
                    "stream=codec_type,codec_name,width,height,avg_frame_rate,nb_read_frames,sample_rate",
                    "-of", "compact", file.toString());
            String video = line(streams, "codec_type=video");
            assertTrue(video.contains("codec_name=h264"), streams);
            assertTrue(video.contains("width=640") && video.contains("height=360"), streams);
            assertTrue(video.contains("avg_frame_rate=25/1"), streams);
            int frames = Integer.parseInt(field(video, "nb_read_frames"));
            assertTrue(frames >= 25, "at least a second of decodable frames: " + streams);
            String audio = line(streams, "codec_type=audio");
            assertTrue(audio.contains("codec_name=pcm_mulaw") && audio.contains("sample_rate=8000"), streams);

            String firstFrame = Tools.run("ffprobe", "-v", "error", "-select_streams", "v", "-show_entries",
                    "frame=key_frame,pict_type", "-read_intervals", "%+#1", "-of", "compact", file.toString());
            assertTrue(firstFrame.contains("key_frame=1") && firstFrame.contains("pict_type=I"),
                    "the recording starts at a key frame: " + firstFrame);
            String decodeErrors = Tools.run("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(), "-f", "null",
                    "-");
            assertEquals("", decodeErrors.strip(), "ffmpeg decodes " + file.getFileName() + " without errors");
        }
        assertEquals(1, camera.loginCount(), "one upstream session for three viewers");
    }

    private static String line(String text, String marker) {
        return text.lines().filter(l -> l.contains(marker)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + marker + " in:\n" + text));
    }

    private static String field(String line, String name) {
        for (String part : line.split("\\|")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        throw new AssertionError("no " + name + " in " + line);
    }

    private String logs() {
        StringBuilder text = new StringBuilder();
        for (String name : List.of("first.log", "second.log", "late.log")) {
            try {
                text.append(name).append(":\n").append(Files.readString(dir.resolve(name))).append('\n');
            } catch (Exception e) {
                text.append(name).append(": ").append(e).append('\n');
            }
        }
        return text.toString();
    }
}
