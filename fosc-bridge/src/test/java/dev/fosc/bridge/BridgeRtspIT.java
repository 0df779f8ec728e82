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

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.stream.Collectors;

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
    void threeViewersDecodeTenSecondsAtOnceFromOneCameraSessionAndALateJoinerStartsCleanly() throws Exception {
        List<String> viewers = List.of("first", "second", "third");
        List<Process> running = new ArrayList<>();
        for (String name : viewers) {
            running.add(Tools.start(dir.resolve(name + ".log"), decode(name, 10).toArray(String[]::new)));
        }
        Thread.sleep(3300); // the late joiner comes in mid-GOP (a key frame a second), the others still decoding
        running.add(Tools.start(dir.resolve("late.log"), decode("late", 5).toArray(String[]::new)));
        for (Process p : running) {
            int code = Tools.await(p, 60);
            assertEquals(0, code, () -> logs());
        }
        for (String name : List.of("first", "second", "third", "late")) {
            int seconds = name.equals("late") ? 5 : 10;
            // -v error: a decoding error ("non-existing PPS", "no frame!", concealed macroblocks) would be here
            assertEquals("", Files.readString(dir.resolve(name + ".log")).strip(),
                    name + " decoded the stream without errors");
            String crc = Files.readString(dir.resolve(name + ".crc"));
            assertTrue(crc.contains("#dimensions 0: 640x360"), name + ": " + head(crc));
            long videoFrames = crc.lines().filter(l -> l.startsWith("0,")).count();
            long audioFrames = crc.lines().filter(l -> l.startsWith("1,")).count();
            assertTrue(videoFrames >= seconds * 25L * 9 / 10, name + ": " + seconds + " s of decoded frames at 25 "
                    + "fps, got " + videoFrames + "; " + head(crc));
            assertTrue(audioFrames > seconds * 10L, name + ": decoded audio all along, got " + audioFrames);

            Path file = dir.resolve(name + ".mkv");
            String streams = Tools.run("ffprobe", "-v", "error", "-show_entries",
                    "stream=codec_type,codec_name,width,height,avg_frame_rate,sample_rate", "-of", "compact",
                    file.toString());
            String video = line(streams, "codec_type=video");
            assertTrue(video.contains("codec_name=h264"), streams);
            assertTrue(video.contains("width=640") && video.contains("height=360"), streams);
            assertTrue(video.contains("avg_frame_rate=25/1"), streams);
            String audio = line(streams, "codec_type=audio");
            assertTrue(audio.contains("codec_name=pcm_mulaw") && audio.contains("sample_rate=8000"), streams);
            String firstFrame = Tools.run("ffprobe", "-v", "error", "-select_streams", "v", "-show_entries",
                    "frame=key_frame,pict_type", "-read_intervals", "%+#1", "-of", "compact", file.toString());
            assertTrue(firstFrame.contains("key_frame=1") && firstFrame.contains("pict_type=I"),
                    name + " starts at a key frame: " + firstFrame);
        }
        assertEquals(1, camera.loginCount(), "one upstream session for four viewers");
        assertEquals(1, camera.connectionCount(), "one upstream connection for four viewers");
    }

    @Test
    void lateJoinersGetTheirFirstVideoAtTheNextKeyFrameWithItsParameterSetsWithinOneGop() throws Exception {
        try (RawRtspClient early = new RawRtspClient(bridge.port(), 0)) {
            early.play(url);
            early.read(); // the camera streams
            List<Long> waits = new ArrayList<>();
            for (int join = 0; join < 5; join++) {
                Thread.sleep(200L * join); // each join is at a key frame + 40 ms + this: spread over the 1 s GOP
                try (RawRtspClient late = new RawRtspClient(bridge.port(), 0)) {
                    late.request("DESCRIBE", url, "Accept: application/sdp");
                    late.request("SETUP", url + "/trackID=0", "Transport: RTP/AVP/TCP;unicast;interleaved=0-1");
                    long played = System.nanoTime();
                    late.request("PLAY", url);
                    RawRtspClient.Packet first = late.read();
                    while (first.channel() != 0) {
                        first = late.read(); // an RTCP sender report may come first
                    }
                    waits.add((System.nanoTime() - played) / 1_000_000);
                    int timestamp = ByteBuffer.wrap(first.data(), 4, 4).getInt();
                    Set<Integer> types = new HashSet<>();
                    for (RawRtspClient.Packet p = first; ; p = late.read()) {
                        if (p.channel() != 0) {
                            continue;
                        }
                        if (ByteBuffer.wrap(p.data(), 4, 4).getInt() != timestamp) {
                            break; // the next access unit
                        }
                        int nal = p.data()[12] & 0x1F;
                        types.add(nal == 28 ? p.data()[13] & 0x1F : nal); // FU-A: the fragmented unit's type
                    }
                    assertTrue(types.contains(7) && types.contains(8) && types.contains(5),
                            "a late joiner's first access unit is SPS, PPS and an IDR picture: NAL types " + types);
                }
            }
            System.err.println("late joiners' wait from PLAY to their first video packet (ms): " + waits);
            for (long wait : waits) {
                assertTrue(wait < 1000 + 1000, "at most one GOP (1 s) and a margin: " + waits);
            }
        }
    }

    @Test
    void l16AudioIsReadAsPcmS16be() throws Exception {
        bridge.close();
        bridge = BridgeServer.builder(client).port(0).audioCodec(BridgeAudioCodec.L16)
                .camera("door", FoscSessionOptions.builder(camera.host(), FoscCredentials.of("admin", PASSWORD))
                        .port(camera.port()).build()).build().start();
        String streams = Tools.run("ffprobe", "-v", "error", "-rtsp_transport", "tcp", "-show_entries",
                "stream=codec_type,codec_name,sample_rate,channels", "-of", "compact",
                "rtsp://127.0.0.1:" + bridge.port() + "/door");
        String audio = line(streams, "codec_type=audio");
        assertTrue(audio.contains("codec_name=pcm_s16be") && audio.contains("sample_rate=8000")
                && audio.contains("channels=1"), streams);
        // the samples arrive unchanged: the fake camera's tone (1 kHz, peak 8000) has eight exact sample values,
        // which a lossy codec (µ-law) or a wrong byte order would not keep
        Path pcm = dir.resolve("audio.s16");
        Tools.run("ffmpeg", "-nostdin", "-v", "error", "-rtsp_transport", "tcp", "-i",
                "rtsp://127.0.0.1:" + bridge.port() + "/door", "-map", "0:a", "-t", "2", "-f", "s16le", pcm.toString());
        Set<Integer> tone = new HashSet<>();
        for (int k = 0; k < 8; k++) {
            tone.add((int) Math.round(8000 * Math.sin(2 * Math.PI * k / 8)));
        }
        byte[] bytes = Files.readAllBytes(pcm);
        assertTrue(bytes.length >= 8000, "at least half a second of audio: " + bytes.length + " bytes");
        int peak = 0;
        for (int i = 0; i + 1 < bytes.length; i += 2) {
            int sample = (short) ((bytes[i] & 0xFF) | (bytes[i + 1] << 8));
            assertTrue(tone.contains(sample), "sample " + i / 2 + " is " + sample + ", not one of the tone's " + tone);
            peak = Math.max(peak, sample);
        }
        assertEquals(8000, peak, "the tone, not silence");
    }

    /**
     * {@code ffmpeg} reading the bridge for {@code seconds}: a copy into NAME.mkv and every frame decoded into
     * NAME.crc (framecrc: one line per decoded video or audio frame); errors only on its output.
     */
    private List<String> decode(String name, int seconds) {
        return List.of("ffmpeg", "-nostdin", "-y", "-v", "error", "-rtsp_transport", "tcp", "-i", url,
                "-map", "0", "-t", String.valueOf(seconds), "-c", "copy", dir.resolve(name + ".mkv").toString(),
                "-map", "0", "-t", String.valueOf(seconds), "-f", "framecrc", dir.resolve(name + ".crc").toString());
    }

    private static String head(String text) {
        return text.lines().limit(14).collect(Collectors.joining("\n"));
    }

    private static String line(String text, String marker) {
        return text.lines().filter(l -> l.contains(marker)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + marker + " in:\n" + text));
    }

    private String logs() {
        StringBuilder text = new StringBuilder();
        for (String name : List.of("first.log", "second.log", "third.log", "late.log")) {
            try {
                text.append(name).append(":\n").append(Files.readString(dir.resolve(name))).append('\n');
            } catch (Exception e) {
                text.append(name).append(": ").append(e).append('\n');
            }
        }
        return text.toString();
    }
}
