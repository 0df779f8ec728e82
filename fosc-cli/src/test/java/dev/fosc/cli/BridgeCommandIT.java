package dev.fosc.cli;

import dev.fosc.testkit.FakeCamera;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code fosc bridge --config FILE} in front of a fake camera, read by ffprobe over RTSP/TCP. */
class BridgeCommandIT {

    private static final String PASSWORD = "bridge-secret-12";
    private static final Pattern LISTENING = Pattern.compile("rtsp listening on 127\\.0\\.0\\.1:(\\d+)");

    @Test
    void servesTheCamerasOfTheFileUntilStopped(@TempDir Path tmp) throws Exception {
        try (FakeCamera door = FakeCamera.builder().password(PASSWORD).start()) {
            Path config = Files.writeString(tmp.resolve("cameras.yml"), "cameras:\n"
                    + "  door:\n    url: fosc://admin:${PW}@" + door.host() + ":" + door.port() + "\n"
                    + "rtsp:\n  port: 0\n  bind: 127.0.0.1\nhttp:\n  port: 0\n");
            RunningBridge bridge = RunningBridge.start(config, Map.of("PW", PASSWORD));
            StringWriter out = bridge.out;
            StringWriter err = bridge.err;
            String url = "rtsp://127.0.0.1:" + bridge.port + "/door";
            assertTrue(out.toString().contains("door: " + url), out.toString());
            assertTrue(out.toString().contains("http listening on 127.0.0.1:"), out.toString());

            String streams = CliTestSupport.ffprobe("-rtsp_transport", "tcp", "-show_entries",
                    "stream=codec_type,codec_name,width,height", "-of", "compact", url);
            assertTrue(streams.contains("codec_name=h264") && streams.contains("width=640")
                    && streams.contains("height=360"), streams);
            assertTrue(streams.contains("codec_name=pcm_mulaw"), streams);

            assertEquals(0, bridge.stop(), out + "\n" + err);
            assertFalse(out.toString().contains(PASSWORD) || err.toString().contains(PASSWORD));
        }
    }

    @Test
    void theRtspSectionsCredentialsAndL16AudioReachTheBridge(@TempDir Path tmp) throws Exception {
        String viewerPassword = "rtsp-view-31";
        try (FakeCamera door = FakeCamera.builder().password(PASSWORD).start()) {
            Path config = Files.writeString(tmp.resolve("cameras.yml"), "cameras:\n"
                    + "  door:\n    url: fosc://admin:${PW}@" + door.host() + ":" + door.port() + "\n"
                    + "rtsp:\n  port: 0\n  bind: 127.0.0.1\n  username: viewer\n  password: ${RTSP_PW}\n"
                    + "  audio: l16\n");
            RunningBridge bridge = RunningBridge.start(config, Map.of("PW", PASSWORD, "RTSP_PW", viewerPassword));
            StringWriter out = bridge.out;
            StringWriter err = bridge.err;
            String streams = CliTestSupport.ffprobe("-rtsp_transport", "tcp", "-show_entries",
                    "stream=codec_type,codec_name,sample_rate", "-of", "compact",
                    "rtsp://viewer:" + viewerPassword + "@127.0.0.1:" + bridge.port + "/door");
            assertTrue(streams.contains("codec_name=h264"), streams);
            assertTrue(streams.contains("codec_name=pcm_s16be") && streams.contains("sample_rate=8000"), streams);
            Process refused = new ProcessBuilder("ffprobe", "-v", "error", "-rtsp_transport", "tcp",
                    "rtsp://127.0.0.1:" + bridge.port + "/door").redirectErrorStream(true).start();
            String refusal = new String(refused.getInputStream().readAllBytes());
            assertTrue(refused.waitFor(60, TimeUnit.SECONDS));
            assertTrue(refused.exitValue() != 0 && refusal.contains("401 Unauthorized"), refusal);

            assertEquals(0, bridge.stop(), out + "\n" + err);
            assertFalse(out.toString().contains(viewerPassword) || err.toString().contains(viewerPassword));
        }
    }

    @Test
    void anRtspUsernameWithoutPasswordOrAnUnknownAudioIsAUsageError(@TempDir Path tmp) throws Exception {
        Path config = Files.writeString(tmp.resolve("cameras.yml"), "cameras:\n"
                + "  door:\n    url: fosc://admin:pw@127.0.0.1:88\n"
                + "rtsp:\n  username: viewer\n");
        CliTestSupport.Result r = CliTestSupport.run("bridge", "--config", config.toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("cameras.yml:5: rtsp: a username without a password"), r.err());
        Path audio = Files.writeString(tmp.resolve("audio.yml"), "cameras:\n"
                + "  door:\n    url: fosc://admin:pw@127.0.0.1:88\n"
                + "rtsp:\n  audio: aac\n");
        CliTestSupport.Result a = CliTestSupport.run("bridge", "--config", audio.toString());
        assertEquals(2, a.exit(), a.toString());
        assertTrue(a.err().contains("audio.yml:5: rtsp.audio: must be pcmu"), a.err());
        Path missing = Files.writeString(tmp.resolve("missing.yml"), "cameras:\n"
                + "  door:\n    url: fosc://admin:pw@127.0.0.1:88\n"
                + "rtsp:\n  username: viewer\n  password: ${NOT_SET_HERE}\n");
        CliTestSupport.Result v = CliTestSupport.run("bridge", "--config", missing.toString());
        assertEquals(2, v.exit(), v.toString());
        assertTrue(v.err().contains("rtsp.password: the environment variable NOT_SET_HERE is not set"), v.err());
    }

    @Test
    void anUnknownKeyInTheRtspSectionIsAUsageError(@TempDir Path tmp) throws Exception {
        Path config = Files.writeString(tmp.resolve("cameras.yml"), "cameras:\n"
                + "  door:\n    url: fosc://admin:pw@127.0.0.1:88\n"
                + "rtsp:\n  prot: 8554\n");
        CliTestSupport.Result r = CliTestSupport.run("bridge", "--config", config.toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("cameras.yml:5: rtsp.prot: unknown key"), r.err());
        r.assertHides("pw@");
    }

    @Test
    void aSectionTheBridgeDoesNotReadYetIsNamed(@TempDir Path tmp) throws Exception {
        Path config = Files.writeString(tmp.resolve("cameras.yml"), "cameras:\n"
                + "  door:\n    url: fosc://admin:pw@127.0.0.1:88\n"
                + "metrics:\n  port: 8555\n");
        CliTestSupport.Result r = CliTestSupport.run("bridge", "--config", config.toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("unknown section (this command reads: cameras, rtsp, mqtt, http)"), r.err());
    }

    @Test
    void theMqttSectionNeedsAUrlAndHidesItsPassword(@TempDir Path tmp) throws Exception {
        Path config = Files.writeString(tmp.resolve("cameras.yml"), "cameras:\n"
                + "  door:\n    url: fosc://admin:pw@127.0.0.1:88\n"
                + "mqtt:\n  username: bridge\n  password: ${MQTT_PW}\n");
        CliTestSupport.Result r = CliTestSupport.run(Map.of("MQTT_PW", "mqtt-secret-9"), "bridge", "--config",
                config.toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("mqtt: missing 'url:'"), r.err());
        r.assertHides("mqtt-secret-9");
    }

    @Test
    void theMqttSectionTakesQos0Or1AndACaFileOnlyForTls(@TempDir Path tmp) throws Exception {
        Path config = Files.writeString(tmp.resolve("cameras.yml"), "cameras:\n"
                + "  door:\n    url: fosc://admin:pw@127.0.0.1:88\n"
                + "mqtt:\n  url: tcp://127.0.0.1:1883\n  qos: 2\n");
        CliTestSupport.Result r = CliTestSupport.run("bridge", "--config", config.toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("mqtt: the MQTT QoS must be 0 or 1: 2"), r.err());

        Files.writeString(tmp.resolve("ca.pem"), "");
        Files.writeString(config, "cameras:\n  door:\n    url: fosc://admin:pw@127.0.0.1:88\n"
                + "mqtt:\n  url: tcp://127.0.0.1:1883\n  ca_file: ca.pem\n");
        r = CliTestSupport.run("bridge", "--config", config.toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("mqtt: a CA file needs a TLS URL (ssl:// or mqtts://)"), r.err());
    }

    /** {@code fosc bridge --config FILE} running on another thread, once it printed its RTSP port. */
    private static final class RunningBridge {
        final BridgeCommand command;
        final CompletableFuture<Integer> run;
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final String port;

        private RunningBridge(Path config, Map<String, String> env) throws InterruptedException {
            command = new BridgeCommand().env(env);
            CommandLine cli = CliTestSupport.withHandlers(command);
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            run = CompletableFuture.supplyAsync(() -> cli.execute("--config", config.toString()));
            Matcher m = LISTENING.matcher("");
            for (int i = 0; i < 300 && !m.reset(out.toString()).find(); i++) {
                assertFalse(run.isDone(), () -> "the bridge ended: " + out + err);
                Thread.sleep(50);
            }
            assertTrue(m.reset(out.toString()).find(), out.toString() + err);
            port = m.group(1);
        }

        static RunningBridge start(Path config, Map<String, String> env) throws InterruptedException {
            return new RunningBridge(config, env);
        }

        /** Stops it as Ctrl-C does; returns its exit code. */
        int stop() throws Exception {
            command.requestStop();
            return run.get(30, TimeUnit.SECONDS);
        }
    }
}
