package dev.fosc.cli;

import dev.fosc.cli.record.ProfileConverter;
import dev.fosc.client.FoscAudioFrame;
import dev.fosc.client.FoscAuthenticationException;
import dev.fosc.client.FoscCameraProfile;
import dev.fosc.client.FoscClient;
import dev.fosc.client.FoscEvent;
import dev.fosc.client.FoscLoginInfo;
import dev.fosc.client.FoscReconnectPolicy;
import dev.fosc.client.FoscSession;
import dev.fosc.client.FoscSessionListener;
import dev.fosc.client.FoscSessionOptions;
import dev.fosc.client.FoscSessionState;
import dev.fosc.client.FoscSessionStats;
import dev.fosc.client.FoscStream;
import dev.fosc.client.FoscVideoFrame;
import dev.fosc.codec.FoscCredentials;
import dev.fosc.testkit.FakeCamera;
import dev.fosc.testkit.FakeCameraProfile;
import dev.fosc.testkit.FakeFault;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code fosc demo}: the library end to end on loopback, no hardware. Starts an embedded {@link FakeCamera},
 * connects a {@link FoscClient} session, turns video and audio on, shows pushed events, resets the connection
 * half-way to show the session healing itself, tries a wrong password once to show that a refused login is
 * never retried, and prints what arrived. Exit 0 when video flowed before and after the reset, 1 otherwise.
 *
 * <p>The camera's password is generated per run and never printed.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a fake camera and a client session against it on loopback, and report what flowed.")
public final class DemoCommand implements Callable<Integer> {

    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(10);

    @Option(names = "--seconds", defaultValue = "6", description = "How long to stream (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--profile", defaultValue = "r2c",
            description = "Camera firmware: fi9821w-v2, r2c or c1-v3 (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--client-profile", paramLabel = "PROFILE", converter = ProfileConverter.class,
            description = "The client's camera profile: " + ProfileConverter.NAMES + " (default: auto, which learns"
                    + " the fake camera's quirks from its answers).")
    FoscCameraProfile clientProfile = FoscSessionOptions.DEFAULT_PROFILE;

    private final PrintStream out;

    /** A demo printing to standard output. */
    public DemoCommand() {
        this(System.out);
    }

    DemoCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        if (seconds < 2) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--seconds must be >= 2");
        }
        FakeCameraProfile cameraProfile = FakeCameraProfile.fromName(profile);
        String password = newPassword();
        try (FakeCamera camera = FakeCamera.builder().user("admin").password(password).profile(cameraProfile)
                .presets(List.of("door", "garden")).cruises(List.of("patrol")).motionEvery(Duration.ofSeconds(1))
                .start();
             FoscClient client = FoscClient.builder().threads(2).build()) {
            out.printf("fake camera %s accepting on %s:%d%n", cameraProfile.cliName(), camera.host(), camera.port());

            Counters counters = new Counters();
            FoscSessionOptions options = FoscSessionOptions.builder(camera.host(),
                            FoscCredentials.of("admin", password))
                    .port(camera.port()).profile(clientProfile)
                    .keepaliveInterval(Duration.ofSeconds(2)).readerIdleTimeout(Duration.ofSeconds(5))
                    // the fake camera has no login rate limit: the demo may log in again sooner than a real one
                    .reconnectPolicy(FoscReconnectPolicy.builder().initialDelay(Duration.ofMillis(200))
                            .maxDelay(Duration.ofSeconds(2)).minLoginInterval(Duration.ofMillis(500)).build())
                    .build();
            FoscSession session = client.newSession(options, counters);
            FoscLoginInfo login = await(session.connect());
            out.printf("logged in: camera id %s, presets %s, cruises %s%n", login.cameraId(), login.presets(),
                    login.cruises());
            await(session.videoOn(FoscStream.MAIN));
            await(session.audioOn());
            out.printf("video and audio on; client profile %s, quirks %s%n", ProfileConverter.cliName(clientProfile),
                    session.quirks());

            long half = seconds * 1000L / 2;
            Thread.sleep(half);
            long videoBeforeReset = counters.video.get();
            out.printf("%d video frames so far; resetting the connection from the camera side%n", videoBeforeReset);
            camera.inject(FakeFault.reset());
            Thread.sleep(seconds * 1000L - half);
            long videoAfterReset = counters.video.get() - videoBeforeReset;

            FoscSessionStats stats = session.stats();
            out.printf("video: %d frames (%d key frames), %s, %d fps%n", counters.video.get(),
                    counters.keyFrames.get(), counters.lastResolution.get(), counters.lastFrameRate.get());
            out.printf("audio: %d frames, %d bytes of PCM%n", counters.audio.get(), counters.pcmBytes.get());
            out.printf("events: %d, reconnects: %d, logins seen by the camera: %d%n", counters.events.get(),
                    stats.reconnects(), camera.loginCount());
            await(session.close());

            int attemptsBefore = camera.loginAttemptCount();
            FoscSession wrong = client.newSession(FoscSessionOptions.builder(camera.host(),
                    FoscCredentials.of("admin", "not-the-password")).port(camera.port()).profile(clientProfile).build());
            try {
                await(wrong.connect());
                out.println("wrong password: unexpectedly accepted");
                return 1;
            } catch (ExecutionException e) {
                boolean refused = e.getCause() instanceof FoscAuthenticationException;
                Thread.sleep(500); // give a (wrong) retry the time to show up in the camera's count
                out.printf("wrong password: %s, login attempts seen by the camera: %d (never retried)%n",
                        refused ? "refused" : "not refused but failed (" + e.getCause().getMessage() + ")",
                        camera.loginAttemptCount() - attemptsBefore);
            }
            boolean ok = videoBeforeReset > 0 && videoAfterReset > 0;
            out.println(ok ? "demo ok: video flowed before and after the reset" : "demo FAILED: video did not resume");
            return ok ? 0 : 1;
        }
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future)
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

    /** Counts what the session delivers; runs on the session's event loop, so it only counts and prints. */
    private final class Counters implements FoscSessionListener {
        final AtomicLong video = new AtomicLong();
        final AtomicLong keyFrames = new AtomicLong();
        final AtomicLong audio = new AtomicLong();
        final AtomicLong pcmBytes = new AtomicLong();
        final AtomicLong events = new AtomicLong();
        final AtomicReference<String> lastResolution = new AtomicReference<>("no video");
        final AtomicLong lastFrameRate = new AtomicLong();

        @Override
        public void onStateChanged(FoscSession session, FoscSessionState from, FoscSessionState to, Throwable cause) {
            out.printf("session %s -> %s%s%n", from, to, cause == null ? "" : " (" + cause.getMessage() + ")");
        }

        @Override
        public void onVideoFrame(FoscSession session, FoscVideoFrame frame) {
            video.incrementAndGet();
            if (frame.isKeyFrame()) {
                keyFrames.incrementAndGet();
            }
            lastResolution.set(frame.width() + "x" + frame.height());
            lastFrameRate.set(frame.frameRate());
        }

        @Override
        public void onAudioFrame(FoscSession session, FoscAudioFrame frame) {
            audio.incrementAndGet();
            pcmBytes.addAndGet(frame.pcm().readableBytes());
        }

        @Override
        public void onEvent(FoscSession session, FoscEvent event) {
            events.incrementAndGet();
            out.printf(Locale.ROOT, "event: %s%n", event);
        }
    }
}
