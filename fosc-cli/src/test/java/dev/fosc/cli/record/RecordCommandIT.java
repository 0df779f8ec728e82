package dev.fosc.cli.record;

import dev.fosc.cli.RecordCommand;
import dev.fosc.codec.FoscCommand;
import dev.fosc.codec.FoscLogin;
import dev.fosc.codec.FoscLoginReply;
import dev.fosc.codec.FoscMediaHeader;
import dev.fosc.codec.FoscVideoData;
import dev.fosc.codec.FoscVideoOn;
import dev.fosc.codec.FoscVideoOnReply;
import dev.fosc.testkit.FakeCamera;
import dev.fosc.testkit.FakeCameraProfile;
import dev.fosc.testkit.FakeEvent;
import dev.fosc.testkit.FakeFault;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code fosc record} end to end against the fake camera; the files are checked with ffprobe. */
class RecordCommandIT {

    private static final String PASSWORD = "cam-secret-42";
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path tmp;

    private final List<FakeCamera> cameras = new ArrayList<>();

    @AfterEach
    void closeCameras() {
        cameras.forEach(FakeCamera::close);
    }

    private FakeCamera camera(FakeCamera.Builder b) {
        FakeCamera c = b.start();
        cameras.add(c);
        return c;
    }

    record Result(int exit, String out, String err) {
        void assertNoSecret() {
            assertFalse(out.contains(PASSWORD) || err.contains(PASSWORD), "the password leaked:\n" + out + err);
        }
    }

    static Result run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new RecordCommand().env(env));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    static CompletableFuture<Result> runAsync(Map<String, String> env, String... args) {
        return CompletableFuture.supplyAsync(() -> run(env, args));
    }

    private String[] args(FakeCamera camera, Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("--host", camera.host(), "--port", String.valueOf(camera.port()),
                "--out", out.toString()));
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    static String ffprobe(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ffprobe", "-v", "error"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "ffprobe failed: " + output);
        return output.trim();
    }

    /** {@code [frames, width, height]} of a raw H.264 file, decoded by ffprobe. */
    static long[] probeVideo(Path file) throws Exception {
        String[] v = ffprobe("-count_frames", "-select_streams", "v:0", "-show_entries",
                "stream=nb_read_frames,width,height", "-of", "csv=p=0", file.toString()).split(",");
        return new long[] {Long.parseLong(v[2].trim()), Long.parseLong(v[0].trim()), Long.parseLong(v[1].trim())};
    }

    static Map<String, Object> sessionJson(Path out) throws IOException {
        return JsonFields.parse(Files.readString(out.resolve(Recorder.SESSION_FILE)));
    }

    @Test
    void recordsVideoAudioAndEventsThatDecode() throws Exception {
        FakeCamera camera = camera(FakeCamera.builder().profile(FakeCameraProfile.R2C).password(PASSWORD)
                .presets(List.of("door", "gate")).cameraId("R2C0042"));
        Path out = tmp.resolve("rec");
        CompletableFuture<Result> run = runAsync(Map.of("FOSC_PASSWORD", PASSWORD),
                args(camera, out, "--profile", "r2c", "--duration", "3s", "--audio"));
        camera.awaitLoginCount(1, WAIT);
        camera.takeFrame(FoscCommand.AUDIO_ON, WAIT);
        for (int i = 0; i < 3; i++) {
            camera.triggerMotion();
        }
        camera.sendEvent(FakeEvent.presetsChanged(List.of("a")));
        Result r = run.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(0, r.exit(), r.err());
        r.assertNoSecret();
        assertTrue(r.out().startsWith("completed: recorded "), r.out());

        Map<String, Object> s = sessionJson(out);
        assertEquals("completed", s.get("outcome"));
        assertEquals("R2C0042", s.get("camera.cameraId"));
        assertEquals("door", s.get("camera.presets[0]"));
        assertEquals("gate", s.get("camera.presets[1]"));
        assertEquals("r2c", s.get("camera.profile"));
        assertEquals(640L, s.get("video.width"));
        assertEquals(360L, s.get("video.height"));
        assertEquals(25L, s.get("video.frameRate"));
        assertEquals(0L, s.get("reconnects"));
        assertFalse(s.containsKey("gaps[0].start"), "no gaps: " + s);
        assertFalse(Files.readString(out.resolve(Recorder.SESSION_FILE)).contains(PASSWORD));

        long frames = (Long) s.get("video.frames");
        long[] probe = probeVideo(out.resolve(Recorder.VIDEO_FILE));
        assertEquals(frames, probe[0], "ffprobe decodes every frame written");
        assertEquals(640, probe[1]);
        assertEquals(360, probe[2]);
        assertTrue(frames >= 10 && frames <= camera.videoFramesSent(), frames + " of " + camera.videoFramesSent());
        assertEquals(0L, s.get("video.skippedUntilKeyFrame"), "the camera starts with a key frame");

        assertEquals("g726", s.get("audio.cameraFormat"));
        long audioFrames = (Long) s.get("audio.frames");
        assertTrue(audioFrames >= 5 && audioFrames <= camera.audioFramesSent(), audioFrames + " audio frames");
        assertEquals(audioFrames * 60, s.get("audio.durationMillis"));
        String probed = ffprobe("-show_entries", "stream=sample_rate,channels,codec_name:format=duration", "-of",
                "default=nw=1", out.resolve(Recorder.AUDIO_FILE).toString());
        assertTrue(probed.contains("codec_name=pcm_s16le") && probed.contains("sample_rate=8000")
                && probed.contains("channels=1"), probed);
        double seconds = Double.parseDouble(probed.replaceAll("(?s).*duration=([0-9.]+).*", "$1"));
        assertEquals(audioFrames * 0.060, seconds, 0.001, "audio.wav lasts 60 ms per frame received");

        List<String> lines = Files.readAllLines(out.resolve(Recorder.EVENTS_FILE));
        assertEquals(3, lines.stream().filter(l -> l.contains("\"type\":\"motion\"")).count(), String.join("\n", lines));
        assertTrue(lines.get(0).contains("\"type\":\"login\"") && lines.get(0).contains("\"cameraId\":\"R2C0042\""));
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"type\":\"presetsChanged\",\"presets\":[\"a\"]")));
        for (String line : lines) {
            Map<String, Object> e = JsonFields.parse(line);
            assertNotNull(e.get("time"), line);
        }
        assertEquals((long) lines.size(), s.get("events.count"));
    }

    @Test
    void keepsRecordingThroughADropAndARebootAndNotesTheGaps() throws Exception {
        FakeCamera camera = camera(FakeCamera.builder().password(PASSWORD));
        Path out = tmp.resolve("drops");
        CompletableFuture<Result> run = runAsync(Map.of(), args(camera, out, "--password", PASSWORD,
                "--duration", "4s", "--reconnect-max-delay", "100ms", "--min-login-interval", "10ms"));
        camera.awaitLoginCount(1, WAIT);
        camera.takeFrame(FoscCommand.VIDEO_ON, WAIT);
        TimeUnit.MILLISECONDS.sleep(500); // let some video through before the drop
        camera.inject(FakeFault.reset());
        camera.awaitLoginCount(2, WAIT);
        TimeUnit.MILLISECONDS.sleep(500);
        camera.inject(FakeFault.refuseConnections(Duration.ofMillis(400)));
        camera.awaitLoginCount(3, WAIT);
        Result r = run.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(0, r.exit(), r.err());
        r.assertNoSecret();
        assertTrue(r.err().contains("reconnecting") && r.err().contains("video resumed after a gap"), r.err());

        Map<String, Object> s = sessionJson(out);
        assertTrue((Long) s.get("reconnects") >= 2, s.toString());
        assertNotNull(s.get("gaps[1].end"), "both gaps closed: video resumed each time: " + s);
        assertFalse(s.containsKey("gaps[2].start"), s.toString());
        for (int i = 0; i < 2; i++) {
            assertTrue((Long) s.get("gaps[" + i + "].durationMillis") > 0, s.toString());
        }
        assertTrue((Long) s.get("gaps[1].durationMillis") >= 300, "the reboot refused connections for 400 ms: " + s);
        long frames = (Long) s.get("video.frames");
        assertEquals(frames, probeVideo(out.resolve(Recorder.VIDEO_FILE))[0],
                "the file stays decodable across the gaps (each resumes at a key frame)");
        assertTrue((Long) s.get("video.keyFrames") >= 3, "a key frame after each gap");
    }

    @Test
    void aShortBackoffCapDoesNotMakeAReloginComeBackToBack() throws Exception {
        // the camera refuses any login less than 1 s after the previous attempt; the backoff after the reset is at
        // most 100 ms, but no login may come sooner than the minimum login interval (5 s) after the previous one:
        // within the 2.5 s recording the camera sees no second attempt, so nothing is refused
        FakeCamera camera = camera(FakeCamera.builder().password(PASSWORD).loginRateLimit(Duration.ofSeconds(1)));
        Path out = tmp.resolve("limited");
        CompletableFuture<Result> run = runAsync(Map.of(), args(camera, out, "--password", PASSWORD,
                "--duration", "2500ms", "--reconnect-max-delay", "100ms"));
        camera.awaitLoginCount(1, WAIT);
        camera.takeFrame(FoscCommand.VIDEO_ON, WAIT);
        camera.inject(FakeFault.reset());
        Result r = run.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(0, r.exit(), r.err());
        r.assertNoSecret();
        assertEquals(0, camera.refusedLoginCount(), "no back-to-back login");
        assertEquals(1, camera.loginAttemptCount());
        Map<String, Object> s = sessionJson(out);
        assertTrue(s.containsKey("gaps[0].start"), s.toString());
        assertNull(s.get("gaps[0].end"), "still waiting when the recording ended: " + s);
    }

    @Test
    void aRefusedReloginNoLongerEndsTheRecordingButExitsThreeWhenStillRefusedAtTheEnd() throws Exception {
        // the first login is accepted, then the camera refuses every login (a changed password): the session
        // waits as credentials suspect and the recording runs its whole duration, with a gap, then exits 3
        try (MiniCamera camera = new MiniCamera((ctx, msg, n) -> {
            if (msg instanceof FoscLogin) {
                if (n == 0) {
                    ctx.writeAndFlush(FoscLoginReply.accepted(List.of(), List.of(), "MINI"));
                    ctx.channel().eventLoop().schedule(() -> ctx.close(), 300, TimeUnit.MILLISECONDS);
                } else {
                    ctx.writeAndFlush(FoscLoginReply.refused(FoscLoginReply.RESULT_BAD_CREDENTIALS));
                }
            } else if (msg instanceof FoscVideoOn) {
                ctx.write(new FoscVideoOnReply(0));
                ctx.writeAndFlush(new FoscVideoData(FoscMediaHeader.video(n, true, 640, 360, 25, 1000),
                        Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 1, 0x65, 1})));
            }
        })) {
            Path out = tmp.resolve("suspect");
            long start = System.nanoTime();
            Result r = run(Map.of(), "--host", "127.0.0.1", "--port", String.valueOf(camera.port()), "--out",
                    out.toString(), "--password", PASSWORD, "--duration", "7s");
            assertEquals(3, r.exit(), r.err());
            r.assertNoSecret();
            assertTrue(System.nanoTime() - start >= TimeUnit.SECONDS.toNanos(7), "recorded for the whole duration");
            assertTrue(r.err().contains("fosc record: the camera refused the re-login (credentials suspect"), r.err());
            assertTrue(r.err().contains("error: the camera refused the re-login of user 'admin' and still did when"
                    + " the recording ended"), r.err());
            assertEquals(2, camera.count("LOGIN"), "the accepted login and one re-login 5 s later, no burst");
            Map<String, Object> s = sessionJson(out);
            assertEquals("login refused", s.get("outcome"));
            assertTrue(s.containsKey("gaps[0].start"), s.toString());
        }
    }

    @Test
    void aDropBeforeTheVideoOnReplyDoesNotEndTheRecording() throws Exception {
        // the first VIDEO_ON is answered by closing the connection; after the reconnect video flows
        try (MiniCamera camera = new MiniCamera((ctx, msg, n) -> {
            if (msg instanceof FoscLogin) {
                ctx.writeAndFlush(FoscLoginReply.accepted(List.of(), List.of(), "MINI"));
            } else if (msg instanceof FoscVideoOn) {
                if (n == 0) {
                    ctx.close();
                } else {
                    ctx.write(new FoscVideoOnReply(0));
                    ctx.writeAndFlush(new FoscVideoData(FoscMediaHeader.video(n, true, 640, 360, 25, 1000),
                            Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 1, 0x65, 1})));
                }
            }
        })) {
            Path out = tmp.resolve("early-drop");
            Result r = run(Map.of(), "--host", "127.0.0.1", "--port", String.valueOf(camera.port()), "--out",
                    out.toString(), "--password", PASSWORD, "--duration", "1500ms", "--reconnect-max-delay", "100ms",
                    "--min-login-interval", "10ms");
            assertEquals(0, r.exit(), r.err());
            r.assertNoSecret();
            Map<String, Object> s = sessionJson(out);
            assertEquals("completed", s.get("outcome"));
            assertTrue((Long) s.get("reconnects") >= 1, s.toString());
            assertTrue((Long) s.get("video.frames") >= 1, "video was restored after the reconnect: " + s);
            assertTrue(camera.count("VIDEO_ON") >= 2);
        }
    }

    @Test
    void tooManyUsersAtTheFirstLoginExitsThreeAtOnce() throws Exception {
        try (MiniCamera camera = new MiniCamera((ctx, msg, n) -> {
            if (msg instanceof FoscLogin) {
                ctx.writeAndFlush(FoscLoginReply.refused(FoscLoginReply.RESULT_TOO_MANY_USERS));
            }
        })) {
            Path out = tmp.resolve("busy");
            long start = System.nanoTime();
            Result r = run(Map.of(), "--host", "127.0.0.1", "--port", String.valueOf(camera.port()), "--out",
                    out.toString(), "--password", PASSWORD, "--duration", "1m");
            assertEquals(3, r.exit(), r.err());
            r.assertNoSecret();
            assertTrue(r.err().startsWith("error: login refused by 127.0.0.1:" + camera.port() + " for user 'admin'"
                    + " (too many users)"), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertEquals(1, camera.count("LOGIN"));
            assertEquals("login refused", sessionJson(out).get("outcome"));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "not the 15 s setup timeout");
        }
    }

    @Test
    void aWrongPasswordExitsThreeAfterExactlyOneLoginAttempt() throws Exception {
        FakeCamera camera = camera(FakeCamera.builder().password("the-right-one"));
        Path out = tmp.resolve("refused");
        Result r = run(Map.of(), args(camera, out, "--password", PASSWORD, "--duration", "5s"));
        assertEquals(3, r.exit(), r.err());
        r.assertNoSecret();
        assertEquals(1, camera.loginAttemptCount());
        assertEquals(1, r.err().lines().count(), "one line:\n" + r.err());
        assertTrue(r.err().startsWith("error: login refused by 127.0.0.1:" + camera.port() + " for user 'admin'"),
                r.err());
        assertTrue(r.err().contains("no second attempt was made"));
        assertEquals("login refused", sessionJson(out).get("outcome"));
        TimeUnit.MILLISECONDS.sleep(200);
        assertEquals(1, camera.connectionCount(), "and nothing afterwards");
    }

    @Test
    void anUnreachableCameraExitsFourWithOneLineAndATraceOnlyWhenVerbose() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String[] args = {"--host", "127.0.0.1", "--port", String.valueOf(port), "--password", PASSWORD, "--out",
            tmp.resolve("none").toString(), "--duration", "1s"};
        Result r = run(Map.of(), args);
        assertEquals(4, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: cannot connect to 127.0.0.1:" + port), r.err());
        r.assertNoSecret();

        String[] verbose = new String[args.length + 1];
        System.arraycopy(args, 0, verbose, 0, args.length);
        verbose[args.length] = "--verbose";
        Result v = run(Map.of(), verbose);
        assertEquals(4, v.exit());
        assertTrue(v.err().contains("\tat "), "a stack trace with --verbose:\n" + v.err());
        v.assertNoSecret();
    }

    @Test
    void anR2cRecordsWithoutAProfileOption() throws Exception {
        // the default profile, auto, learns that an R2C only streams with byte 1 (it refuses 0)
        FakeCamera camera = camera(FakeCamera.builder().profile(FakeCameraProfile.R2C).password(PASSWORD));
        Path out = tmp.resolve("auto");
        Result r = run(Map.of("FOSC_PASSWORD", PASSWORD), args(camera, out, "--duration", "1s"));
        assertEquals(0, r.exit(), r.err());
        List<Object> bytes = camera.recordedFrames(FoscCommand.VIDEO_ON).stream().map(f -> f.field("stream")).toList();
        assertEquals(List.of(0, 1), bytes, "0 refused, 1 tried once");
        Map<String, Object> s = sessionJson(out);
        assertEquals("auto", s.get("camera.profile"));
        assertEquals(1L, s.get("camera.quirks.videoOnStreamByte"), "what auto learned, for the user to keep");
        assertEquals(true, s.get("camera.quirks.videoOnStreamByteLearned"));
        assertEquals("completed", s.get("outcome"));
        assertTrue((Long) s.get("video.frames") > 0, s.toString());
    }

    @Test
    void passwordFromAFileAndTheSubStream() throws Exception {
        FakeCamera camera = camera(FakeCamera.builder().password(PASSWORD));
        Path file = tmp.resolve("pw.txt");
        Files.writeString(file, PASSWORD + "\n");
        Path out = tmp.resolve("sub");
        Result r = run(Map.of("FOSC_PASSWORD", "not-this-one"), args(camera, out, "--password-file", file.toString(),
                "--duration", "700ms", "--stream", "sub", "--profile", "c1-v3"));
        assertEquals(0, r.exit(), r.err());
        r.assertNoSecret();
        assertEquals(1, camera.recordedFrames(FoscCommand.VIDEO_ON).get(0).field("stream"));
        assertEquals("sub", sessionJson(out).get("video.stream"));
    }

    @Test
    void aStallTimeoutBelowTheDefaultKeepaliveStillRecords() throws Exception {
        // the session options require reader idle > keepalive; the command shortens the keepalive to fit
        FakeCamera camera = camera(FakeCamera.builder().password(PASSWORD));
        Path out = tmp.resolve("short-stall");
        Result r = run(Map.of(), args(camera, out, "--password", PASSWORD, "--duration", "700ms",
                "--stall-timeout", "4s"));
        assertEquals(0, r.exit(), r.err());
        assertEquals("completed", sessionJson(out).get("outcome"));
    }

    @Test
    void usageErrorsExitTwoWithoutEchoingThePassword() {
        Result noHost = run(Map.of(), "--out", tmp.toString(), "--password", PASSWORD);
        assertEquals(2, noHost.exit());
        assertTrue(noHost.err().contains("--host"), noHost.err());
        noHost.assertNoSecret();
        for (String[] bad : List.of(
                new String[] {"--profile", "nope"},
                new String[] {"--duration", "soon"},
                new String[] {"--duration", "0s"},
                new String[] {"--stream", "third"},
                new String[] {"--port", "0"},
                new String[] {"--password-file", tmp.resolve("missing").toString()})) {
            List<String> a = new ArrayList<>(List.of("--host", "127.0.0.1", "--out", tmp.resolve("u").toString(),
                    "--password", PASSWORD));
            a.addAll(List.of(bad));
            Result r = run(Map.of(), a.toArray(new String[0]));
            assertEquals(2, r.exit(), String.join(" ", bad) + ": " + r.err());
            r.assertNoSecret();
        }
        Result noPassword = run(Map.of(), "--host", "127.0.0.1", "--out", tmp.resolve("u").toString());
        assertEquals(2, noPassword.exit());
        assertTrue(noPassword.err().contains("FOSC_PASSWORD"), noPassword.err());
    }
}
