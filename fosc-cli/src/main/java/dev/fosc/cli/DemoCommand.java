package dev.fosc.cli;

import dev.fosc.cli.common.CliException;
import dev.fosc.cli.common.ErrorText;
import dev.fosc.cli.common.ExitCodes;
import dev.fosc.cli.common.StopSignals;
import dev.fosc.cli.record.DurationConverter;
import dev.fosc.cli.record.ProfileConverter;
import dev.fosc.cli.record.Recorder;
import dev.fosc.cli.record.RecordingReport;
import dev.fosc.cli.talk.TalkPlayer;
import dev.fosc.cli.talk.TestTones;
import dev.fosc.client.FoscAuthenticationException;
import dev.fosc.client.FoscCameraProfile;
import dev.fosc.client.FoscClient;
import dev.fosc.client.FoscLoginInfo;
import dev.fosc.client.FoscQuirks;
import dev.fosc.client.FoscReconnectPolicy;
import dev.fosc.client.FoscSession;
import dev.fosc.client.FoscSessionOptions;
import dev.fosc.client.FoscSessionState;
import dev.fosc.client.FoscStream;
import dev.fosc.client.FoscTalk;
import dev.fosc.client.FoscTalkOptions;
import dev.fosc.client.FoscTalkStats;
import dev.fosc.codec.FoscCredentials;
import dev.fosc.testkit.FakeCamera;
import dev.fosc.testkit.FakeCameraProfile;
import dev.fosc.testkit.FakeFault;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code fosc demo}: the library end to end on loopback, no hardware, leaving files to look at. Starts an
 * embedded {@link FakeCamera} (R2C firmware by default, motion alerts every second), records its video, audio and
 * events for {@code --duration} (10 s) into {@code ./fosc-demo/} exactly as {@code fosc record} does
 * ({@code video.h264}, {@code audio.wav}, {@code events.jsonl}, {@code session.json}), plays a generated chime to
 * the camera speaker through the talk API and checks the fake speaker played exactly that, resets the connection
 * half-way to show the session healing itself, tries a wrong password once to show that a refused login is never
 * retried, and ends with a short summary: what happened, where the files are, how to play them.
 *
 * <p>Exit 0 when every check passed, 1 when one failed (the summary says which), 2 when the output directory
 * cannot be created. The camera's password is generated per run and never printed.
 *
 * <p><b>Threading:</b> runs on the calling thread; the client's and the camera's event loops and the recorder's
 * writer thread do the work. One instance per execution.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Show the library against an embedded fake camera, no hardware needed.",
            "Records video, audio and events into ./fosc-demo/, talks to the camera speaker, heals a reset and",
            "refuses a wrong password after one attempt."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every check passed", "1:a check failed (the summary says which)",
            "2:usage error, or the output directory cannot be created",
            "130:stopped by Ctrl-C (SIGINT), files finished", "143:stopped by SIGTERM, files finished"},
        footerHeading = "%nExample:%n",
        footer = {"  fosc demo && ffplay fosc-demo/video.h264", ""})
public final class DemoCommand implements Callable<Integer> {

    /** The default output directory, relative to the working directory. */
    public static final String DEFAULT_OUT = "fosc-demo";
    /** The length of the generated talk clip. */
    public static final Duration CLIP = Duration.ofMillis(1500);
    /** The shortest demo: the talk clip and a reset with time to heal must fit. */
    public static final Duration MIN_DURATION = Duration.ofSeconds(4);

    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(10);

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to record: 10s, 1m... (default: 10s; at least 4s).")
    Duration duration = Duration.ofSeconds(10);

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: ./fosc-demo).")
    Path out = Path.of(DEFAULT_OUT);

    @Option(names = "--camera-profile", paramLabel = "FIRMWARE", converter = FakeCameraProfileConverter.class,
            description = "The fake camera's firmware: fi9821w-v2, r2c or c1-v3 (default: r2c).")
    FakeCameraProfile cameraProfile = FakeCameraProfile.R2C;

    @Option(names = "--profile", paramLabel = "PROFILE", converter = ProfileConverter.class,
            description = "The client's camera profile: " + ProfileConverter.NAMES + " (default: auto, which learns"
                    + " the fake camera's quirks from its answers).")
    FoscCameraProfile clientProfile = FoscSessionOptions.DEFAULT_PROFILE;

    @Option(names = {"-v", "--verbose"}, description = "Show stack traces of failures.")
    boolean verbose;

    @Spec
    CommandLine.Model.CommandSpec spec;

    private final CompletableFuture<Void> stopRequested = new CompletableFuture<>();

    /** Ends the demo early (as Ctrl-C does): the recording is finished and the summary printed. Any thread. */
    public void requestStop() {
        stopRequested.complete(null);
    }

    @Override
    @SuppressWarnings("try") // the stop registration is held for the try block, not used in it
    public Integer call() throws Exception {
        if (duration.compareTo(MIN_DURATION) < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--duration must be at least "
                    + MIN_DURATION.toSeconds() + "s: the talk and the reset need the time");
        }
        PrintWriter out = spec.commandLine().getOut();
        try {
            Files.createDirectories(this.out);
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "output directory " + this.out + " cannot be created: "
                    + ErrorText.fileReason(e), e);
        }
        String password = newPassword();
        try (StopSignals.Registration stop = StopSignals.onStop(this::requestStop);
             FakeCamera camera = FakeCamera.builder().user("admin").password(password).profile(cameraProfile)
                     .presets(List.of("door", "garden")).cruises(List.of("patrol"))
                     .motionEvery(Duration.ofSeconds(1)).name("demo-camera").start();
             FoscClient client = FoscClient.builder().threads(1).build()) {
            return run(out, camera, client, password);
        }
    }

    private int run(PrintWriter out, FakeCamera camera, FoscClient client, String password) throws Exception {
        say(out, "A fake %s camera is listening on %s:%d (motion alerts every second).",
                cameraProfile.cliName().toUpperCase(Locale.ROOT), camera.host(), camera.port());
        Recorder recorder = Recorder.open(out(), true, Clock.systemUTC(), out).noticePrefix("  camera: ");
        FoscSessionOptions options = FoscSessionOptions.builder(camera.host(), FoscCredentials.of("admin", password))
                .port(camera.port()).profile(clientProfile)
                .keepaliveInterval(Duration.ofSeconds(2)).readerIdleTimeout(Duration.ofSeconds(5))
                // the fake camera has no login rate limit: the demo may log in again sooner than a real one
                .reconnectPolicy(FoscReconnectPolicy.builder().initialDelay(Duration.ofMillis(200))
                        .maxDelay(Duration.ofSeconds(2)).minLoginInterval(Duration.ofMillis(500)).build())
                .build();
        FoscSession session = client.newSession(options, recorder);
        long started = System.nanoTime();
        FoscLoginInfo login = await(session.connect());
        say(out, "Logged in as admin: camera %s, presets %s, cruise %s.", login.cameraId(),
                String.join(", ", login.presets()), String.join(", ", login.cruises()));
        await(CompletableFuture.allOf(session.videoOn(FoscStream.MAIN), session.audioOn()));
        say(out, "Recording video and audio into %s/ for %d s ...", out(), duration.toSeconds());

        // talk: a generated chime through the talk API, paced; the fake speaker must play exactly that
        byte[] clip = TestTones.chime((int) CLIP.toMillis());
        FoscTalk talk = await(session.openTalk(FoscTalkOptions.DEFAULT));
        FoscTalkStats talkStats = TalkPlayer.play(talk, clip).get(CLIP.plus(STEP_TIMEOUT).toMillis(),
                TimeUnit.MILLISECONDS);
        boolean talkOk = playedExactly(camera, clip, talkStats);
        say(out, "Talk: played a %.1f s chime to the camera speaker (%d frames of 60 ms, SPEAKER_ON size %d);"
                        + " the speaker %s.", clip.length / 16000.0, talkStats.framesSent(),
                talkStats.speakerOnLength(), talkOk ? "played exactly what was sent" : "did NOT play what was sent");

        // a reset half-way: the session reconnects and the recording goes on
        long resetAt = started + duration.toNanos() / 2;
        boolean resetDone = false;
        long reconnectMillis = -1;
        if (sleepUntil(resetAt)) {
            long before = session.stats().reconnects();
            say(out, "Resetting the connection from the camera side at %.1f s ...", seconds(started));
            long resetNanos = System.nanoTime();
            camera.inject(FakeFault.reset());
            resetDone = true;
            long deadline = started + duration.toNanos();
            while (System.nanoTime() < deadline && !stopRequested.isDone()) {
                if (session.stats().reconnects() > before && session.state() == FoscSessionState.CONNECTED) {
                    reconnectMillis = (System.nanoTime() - resetNanos) / 1_000_000;
                    say(out, "Reconnected after %d ms; video and audio were turned on again.", reconnectMillis);
                    break;
                }
                Thread.sleep(20);
            }
        }
        sleepUntil(started + duration.toNanos());
        boolean stopped = stopRequested.isDone();
        FoscQuirks quirks = session.quirks();
        await(session.close());
        RecordingReport report = recorder.finish(new Recorder.Target(camera.host(), camera.port(), "admin",
                ProfileConverter.cliName(clientProfile), "main"), session.stats().reconnects(),
                stopped ? "stopped" : "completed", quirks);
        boolean videoAfterReset = !resetDone || report.gaps().stream().allMatch(g -> g.end() != null);

        // a wrong password: refused once, never retried
        int attemptsBefore = camera.loginAttemptCount();
        boolean refused = false;
        if (!stopped) {
            FoscSession wrong = client.newSession(FoscSessionOptions.builder(camera.host(),
                    FoscCredentials.of("admin", "not-the-password")).port(camera.port()).profile(clientProfile).build());
            try {
                await(wrong.connect());
            } catch (ExecutionException e) {
                refused = ErrorText.unwrap(e) instanceof FoscAuthenticationException;
            }
            Thread.sleep(300); // a (wrong) retry would show up in the camera's count by now
            wrong.close();
        }
        int attempts = camera.loginAttemptCount() - attemptsBefore;
        boolean refusalOk = stopped || refused && attempts == 1;
        if (!stopped) {
            say(out, "A wrong password was %s after %d login attempt%s (never retried: cameras lock users out).",
                    refused ? "refused" : "NOT refused", attempts, attempts == 1 ? "" : "s");
        }

        long motion = countMotion();
        boolean videoOk = report.videoFrames() > 0 && videoAfterReset;
        out.println();
        say(out, "%s after %.1f s:", stopped ? "Stopped" : "Done", seconds(started));
        say(out, "  video   %d frames, %dx%d at %d fps, %d key frames, %d gap%s (the reset)", report.videoFrames(),
                report.firstVideo() == null ? 0 : report.firstVideo().width(),
                report.firstVideo() == null ? 0 : report.firstVideo().height(),
                report.firstVideo() == null ? 0 : report.firstVideo().frameRate(), report.keyFrames(),
                report.gaps().size(), report.gaps().size() == 1 ? "" : "s");
        say(out, "  audio   %.1f s of 8 kHz PCM (the camera sends %s; the client decodes it)",
                report.audioMillis() / 1000.0, report.audioFormat() == null ? "nothing" : report.audioFormat());
        say(out, "  events  %d, %d of them motion alerts", report.events(), motion);
        say(out, "  quirks  %s", quirks);
        say(out, "Files in %s/: %s, %s, %s, %s", out(), Recorder.VIDEO_FILE, Recorder.AUDIO_FILE,
                Recorder.EVENTS_FILE, Recorder.SESSION_FILE);
        say(out, "Play them: ffplay %s   ffplay %s", out().resolve(Recorder.VIDEO_FILE),
                out().resolve(Recorder.AUDIO_FILE));
        say(out, "Next: fosc record --help (a real camera), fosc help");
        boolean ok = stopped || videoOk && talkOk && refusalOk && resetDone && reconnectMillis >= 0;
        if (!ok) {
            say(out, "demo FAILED:%s%s%s%s", videoOk ? "" : " video did not flow before and after the reset;",
                    talkOk ? "" : " the speaker did not play the clip;",
                    refusalOk ? "" : " the wrong password was not refused after exactly one attempt;",
                    reconnectMillis >= 0 ? "" : " the session did not reconnect in time;");
        }
        out.flush();
        return ok ? ExitCodes.OK : 1;
    }

    private Path out() {
        return out;
    }

    /** Whether the speaker played the lead-in silence, then {@code clip}, then silence padding only. */
    static boolean playedExactly(FakeCamera camera, byte[] clip, FoscTalkStats stats) {
        byte[] played = camera.speaker().playedPcm();
        int leadIn = (int) stats.leadInFrames() * FoscTalkOptions.FRAME_BYTES;
        if (played.length < leadIn + clip.length) {
            return false;
        }
        for (int i = 0; i < leadIn; i++) {
            if (played[i] != 0) {
                return false;
            }
        }
        for (int i = leadIn + clip.length; i < played.length; i++) {
            if (played[i] != 0) {
                return false;
            }
        }
        return Arrays.equals(played, leadIn, leadIn + clip.length, clip, 0, clip.length);
    }

    /** Lines of events.jsonl with {@code "type":"motion"}. */
    private long countMotion() throws IOException {
        try (var lines = Files.lines(out().resolve(Recorder.EVENTS_FILE))) {
            return lines.filter(l -> l.contains("\"type\":\"motion\"")).count();
        }
    }

    /** Sleeps until {@code nanoTime} or a stop; false when stopped. */
    private boolean sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            try {
                stopRequested.get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return true;
            } catch (ExecutionException e) {
                return false;
            }
        }
        return !stopRequested.isDone();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void say(PrintWriter out, String format, Object... args) {
        out.println(String.format(Locale.ROOT, format, args));
        out.flush();
    }

    private static <T> T await(CompletableFuture<T> future)
            throws ExecutionException, InterruptedException, TimeoutException {
        return future.get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static String newPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            sb.append((char) ('a' + random.nextInt(26)));
        }
        return sb.toString();
    }

    /** Reads {@code --camera-profile}: a fake camera firmware's command-line name. */
    static final class FakeCameraProfileConverter implements CommandLine.ITypeConverter<FakeCameraProfile> {
        @Override
        public FakeCameraProfile convert(String value) {
            try {
                return FakeCameraProfile.fromName(value.trim());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
