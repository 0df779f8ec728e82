package dev.fosc.cli;

import dev.fosc.cli.common.CameraTarget;
import dev.fosc.cli.common.CliException;
import dev.fosc.cli.common.ErrorText;
import dev.fosc.cli.common.ExitCodes;
import dev.fosc.cli.common.StopSignals;
import dev.fosc.cli.common.WrongModelHint;
import dev.fosc.cli.record.DurationConverter;
import dev.fosc.cli.record.PasswordSource;
import dev.fosc.cli.record.ProfileConverter;
import dev.fosc.cli.record.Recorder;
import dev.fosc.cli.record.RecordingReport;
import dev.fosc.client.FoscAuthenticationException;
import dev.fosc.client.FoscCameraProfile;
import dev.fosc.client.FoscClient;
import dev.fosc.client.FoscReconnectPolicy;
import dev.fosc.client.FoscRequestRefusedException;
import dev.fosc.client.FoscSession;
import dev.fosc.client.FoscSessionOptions;
import dev.fosc.client.FoscStream;
import dev.fosc.codec.FoscCredentials;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code fosc record}: records one camera for a while into a directory: {@code video.h264} (Annex-B, from a key
 * frame), {@code audio.wav} with {@code --audio} (8 kHz mono 16-bit, decoded from G.726 when the camera sends
 * that), {@code events.jsonl} and {@code session.json}. Recording goes on through connection drops and camera
 * reboots (the client reconnects with backoff; each loss is noted as a gap).
 *
 * <p>Exit codes: {@value #EXIT_OK} done, {@value #EXIT_USAGE} usage error, {@value #EXIT_LOGIN_REFUSED} login
 * refused (after exactly one attempt), {@value #EXIT_UNREACHABLE} cannot connect or protocol error before the
 * first login (once logged in, only a refusal ends the recording early: drops are the session's to repair),
 * {@value #EXIT_IO} the output could not be written. Errors are one {@code error: ...} line on standard error; a
 * stack trace only with {@code --verbose}. The password never appears in any output.
 *
 * <p>Ctrl-C (or SIGTERM) ends the recording early but cleanly: a shutdown hook ends the wait, and the normal end
 * runs (session closed, files closed, {@code session.json} written with outcome {@code stopped}), bounded by
 * {@link #SHUTDOWN_GRACE}.
 *
 * <p><b>Threading:</b> runs on the calling thread, which blocks for the recording's duration; the client's event
 * loop and one writer thread do the work. One instance per execution; {@link #requestStop()} from any thread.
 */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = {"Record a camera's video (and audio, events) into a directory, through drops and reboots.",
            "Writes video.h264, audio.wav (--audio), events.jsonl and session.json."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:recorded for the whole duration", "1:the output could not be written",
            "2:usage or configuration error (also: the output directory cannot be created)",
            "3:login refused (no second attempt was made)",
            "4:cannot connect, protocol error, or a request refused (before or after the first login)",
            "130:stopped by Ctrl-C (SIGINT), files finished", "143:stopped by SIGTERM, files finished"},
        footerHeading = "%nExample:%n",
        footer = {"  export FOSC_PASSWORD=secret",
            "  fosc record --host 192.168.1.20 --out cam1 --audio --duration 30s", ""})
public final class RecordCommand implements Callable<Integer> {

    /** Recorded for the whole duration. */
    public static final int EXIT_OK = ExitCodes.OK;
    /** The output directory or a file in it could not be written. */
    public static final int EXIT_IO = ExitCodes.IO;
    /** Bad command line (picocli's usage exit code). */
    public static final int EXIT_USAGE = ExitCodes.USAGE;
    /** The camera refused the login; exactly one attempt was made. */
    public static final int EXIT_LOGIN_REFUSED = ExitCodes.LOGIN_REFUSED;
    /** The camera could not be reached, or broke the protocol before recording started. */
    public static final int EXIT_UNREACHABLE = ExitCodes.CAMERA;
    /**
     * How long the shutdown hook (Ctrl-C, SIGTERM) lets the recording end: close the session (5 s at most), let
     * the writer finish ({@link Recorder#DRAIN_TIMEOUT}, twice at most), close the files, write session.json.
     */
    public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(30);

    @Option(names = "--host", required = true, paramLabel = "HOST", description = "Camera host name or address.")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "Camera port (default: ${DEFAULT-VALUE}).")
    int port = FoscSessionOptions.DEFAULT_PORT;

    @Option(names = "--user", paramLabel = "USER", description = "Camera user (default: ${DEFAULT-VALUE}).")
    String user = "admin";

    @Option(names = "--password", paramLabel = "PASSWORD", arity = "1",
            description = "Camera password (prefer --password-file or the FOSC_PASSWORD variable).")
    String password;

    @Option(names = "--password-file", paramLabel = "FILE", description = "File whose first line is the password.")
    Path passwordFile;

    @Option(names = "--profile", paramLabel = "PROFILE", converter = ProfileConverter.class,
            description = "Camera model: " + ProfileConverter.NAMES + " (default: auto, which learns the model's"
                    + " quirks from the camera's answers).")
    FoscCameraProfile profile = FoscSessionOptions.DEFAULT_PROFILE;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to record: 30s, 5m, 1h... (default: 30s).")
    Duration duration = Duration.ofSeconds(30);

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created).")
    Path out;

    @Option(names = "--stream", paramLabel = "STREAM", description = "main or sub (default: main).")
    String stream = "main";

    @Option(names = "--audio", description = "Also record the camera's audio into audio.wav.")
    boolean audio;

    @Option(names = "--reconnect-max-delay", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Cap of the reconnect backoff (default: 60s).")
    Duration reconnectMaxDelay = FoscReconnectPolicy.DEFAULT_MAX_DELAY;

    /**
     * The wait after a login refused as rate limiting or "too many users". Not tied to
     * {@code --reconnect-max-delay}: a short backoff cap must not make the camera see a refused login every few
     * hundred milliseconds. Hidden: for tests against fake cameras only.
     */
    @Option(names = "--rate-limited-delay", hidden = true, paramLabel = "DURATION",
            converter = DurationConverter.class)
    Duration rateLimitedDelay = FoscReconnectPolicy.DEFAULT_RATE_LIMITED_DELAY;

    @Option(names = "--stall-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "No data for this long means the connection stalled (default: 35s; the keepalive is"
                    + " sent at least twice as often).")
    Duration stallTimeout = FoscSessionOptions.DEFAULT_READER_IDLE_TIMEOUT;

    @Option(names = {"-v", "--verbose"}, description = "Log progress details and show stack traces (standard error).")
    boolean verbose;

    @Spec
    CommandLine.Model.CommandSpec spec;

    private final CompletableFuture<Void> stopRequested = new CompletableFuture<>();
    private volatile boolean stopped;
    private Map<String, String> env = System.getenv();
    private Clock clock = Clock.systemUTC();

    /** Reads the environment from {@code env} instead of {@link System#getenv()} (for tests and embedding). */
    public RecordCommand env(Map<String, String> env) {
        this.env = Map.copyOf(env);
        return this;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (verbose) {
            verbose();
        }
        String secret;
        FoscStream videoStream;
        try {
            secret = PasswordSource.resolve(password, passwordFile, env);
            videoStream = FoscStream.valueOf(stream.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String message = e.getMessage().startsWith("No enum constant") ? "--stream must be main or sub: '"
                    + stream + "'" : e.getMessage();
            throw new CommandLine.ParameterException(spec.commandLine(), message);
        }
        FoscSessionOptions options;
        try {
            Duration initial = FoscReconnectPolicy.DEFAULT_INITIAL_DELAY.compareTo(reconnectMaxDelay) < 0
                    ? FoscReconnectPolicy.DEFAULT_INITIAL_DELAY : reconnectMaxDelay;
            options = FoscSessionOptions.builder(host, FoscCredentials.of(user, secret)).port(port).profile(profile)
                    .readerIdleTimeout(stallTimeout).keepaliveInterval(keepaliveFor(stallTimeout))
                    .reconnectPolicy(FoscReconnectPolicy.builder().initialDelay(initial).maxDelay(reconnectMaxDelay)
                            .rateLimitedDelay(rateLimitedDelay)
                            .build())
                    .build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        try {
            new CameraTarget(host, host, port, user, "", profile).checkResolvable();
        } catch (CliException e) {
            return fail(err, e.exitCode(), e.getMessage(), e.getCause());
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            return fail(err, EXIT_USAGE, "output directory " + out + " cannot be created: " + ErrorText.fileReason(e),
                    e);
        }
        Recorder recorder;
        try {
            recorder = Recorder.open(out, audio, clock, err);
        } catch (IOException e) {
            return fail(err, EXIT_IO, "the output files in " + out + " cannot be created: " + ErrorText.fileReason(e),
                    e);
        }
        Recorder.Target target = new Recorder.Target(host, port, user, ProfileConverter.cliName(profile),
                videoStream.name().toLowerCase(Locale.ROOT));
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            requestStop();
            try {
                finished.await(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "fosc-record-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (StopSignals.Registration stop = StopSignals.onStop(this::requestStop);
             FoscClient client = FoscClient.builder().threads(1).build()) {
            FoscSession session = client.newSession(options, recorder);
            int exit = record(session, videoStream, recorder, err);
            session.close().orTimeout(5, TimeUnit.SECONDS).exceptionally(t -> null).join();
            String outcome = exit == EXIT_OK ? (stopped ? "stopped" : "completed")
                    : exit == EXIT_LOGIN_REFUSED ? "login refused" : exit == EXIT_IO ? "output error" : "cannot connect";
            RecordingReport report = recorder.finish(target, session.stats().reconnects(), outcome,
                    session.quirks());
            if (exit == EXIT_OK) {
                spec.commandLine().getOut().println(summary(report) + "; files in " + out);
                spec.commandLine().getOut().flush();
            }
            return exit;
        } catch (IOException e) {
            return fail(err, EXIT_IO, "the recording in " + out + " cannot be written: " + ErrorText.fileReason(e), e);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook is running and returns now
            }
        }
    }

    /**
     * Ends the recording early, as Ctrl-C (or SIGTERM) does through the shutdown hook: the wait ends, the session
     * is closed, the files are closed and {@code session.json} written with outcome {@code stopped}. Any thread.
     */
    public void requestStop() {
        stopRequested.complete(null);
    }

    /** Waits for {@code f}, or until a stop was requested (then returns {@code null} early). */
    private <T> T awaitOrStop(CompletableFuture<T> f, long millis)
            throws ExecutionException, TimeoutException, InterruptedException {
        return awaitOrStop(f, millis, new CompletableFuture<>());
    }

    /**
     * Waits for {@code f}, or until a stop was requested (then returns {@code null} early), or until {@code abort}
     * completes with a cause (then fails with it, as if {@code f} had).
     */
    private <T> T awaitOrStop(CompletableFuture<T> f, long millis, CompletableFuture<? extends Throwable> abort)
            throws ExecutionException, TimeoutException, InterruptedException {
        CompletableFuture.anyOf(f, stopRequested, abort).get(millis, TimeUnit.MILLISECONDS);
        if (!f.isDone()) {
            if (abort.isDone()) {
                throw new ExecutionException(abort.join());
            }
            stopped = true;
            return null;
        }
        return f.get();
    }

    /** Connects, turns media on and waits for the duration; returns the exit code. */
    private int record(FoscSession session, FoscStream videoStream, Recorder recorder, PrintWriter err) {
        String camera = host + ":" + port;
        long setupMillis = options(session).connectTimeout().plus(options(session).requestTimeout()).toMillis() + 5_000;
        try {
            // "too many users" at the first login would be retried after the long delay: a refusal here
            awaitOrStop(session.connect(), setupMillis, recorder.rateLimitedBeforeFirstLogin());
            if (stopped) {
                return EXIT_OK;
            }
        } catch (ExecutionException e) {
            return setupFailure(err, camera, e.getCause());
        } catch (TimeoutException e) {
            return fail(err, EXIT_UNREACHABLE, "no answer from " + camera + " within " + setupMillis + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail(err, EXIT_UNREACHABLE, "interrupted while connecting to " + camera, e);
        }
        // connected: from here on only a refusal ends the recording; anything else (a drop before the reply, a
        // slow reconnect) is the session's to repair, and it turns video and audio on again after a reconnect
        try {
            CompletableFuture<Void> video = session.videoOn(videoStream);
            CompletableFuture<Void> sound = audio ? session.audioOn() : CompletableFuture.completedFuture(null);
            awaitOrStop(CompletableFuture.allOf(video, sound), setupMillis);
            if (stopped) {
                return EXIT_OK;
            }
        } catch (ExecutionException e) {
            Throwable c = unwrap(e.getCause());
            if (c instanceof FoscRequestRefusedException || c instanceof FoscAuthenticationException) {
                return setupFailure(err, camera, c);
            }
            notice(err, "turning media on did not complete (" + c.getMessage() + "); recording goes on, the"
                    + " session turns it on again when it reconnects");
        } catch (TimeoutException e) {
            notice(err, "no answer to turning media on within " + setupMillis + " ms; recording goes on");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EXIT_OK;
        }
        try {
            Throwable failure = awaitOrStop(recorder.failed(), duration.toMillis());
            if (stopped) {
                return EXIT_OK; // Ctrl-C: what was recorded so far is kept
            }
            if (failure instanceof FoscAuthenticationException) {
                return fail(err, EXIT_LOGIN_REFUSED, "the camera refused the login after a reconnect: "
                        + failure.getMessage() + "; recording stopped", failure);
            }
            return fail(err, EXIT_IO, String.valueOf(failure.getMessage()), failure);
        } catch (TimeoutException e) {
            return EXIT_OK; // recorded for the whole duration
        } catch (ExecutionException e) {
            return fail(err, EXIT_IO, String.valueOf(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EXIT_OK;
        }
    }

    /** The default keepalive, or half the stall timeout when that is shorter (the keepalive must come first). */
    static Duration keepaliveFor(Duration stallTimeout) {
        Duration half = stallTimeout.dividedBy(2);
        return half.compareTo(FoscSessionOptions.DEFAULT_KEEPALIVE_INTERVAL) < 0 && !half.isZero() ? half
                : FoscSessionOptions.DEFAULT_KEEPALIVE_INTERVAL;
    }

    private static FoscSessionOptions options(FoscSession session) {
        return session.options();
    }

    private static Throwable unwrap(Throwable cause) {
        return cause instanceof CompletionException && cause.getCause() != null ? cause.getCause() : cause;
    }

    private static void notice(PrintWriter err, String line) {
        err.println("fosc record: " + line);
        err.flush();
    }

    private int setupFailure(PrintWriter err, String camera, Throwable cause) {
        Throwable c = unwrap(cause);
        if (c instanceof FoscAuthenticationException) {
            return fail(err, EXIT_LOGIN_REFUSED, "login refused by " + camera + " for user '" + user + "' ("
                    + reason((FoscAuthenticationException) c) + "); no second attempt was made", c);
        }
        return fail(err, EXIT_UNREACHABLE, ErrorText.describe(c) + WrongModelHint.forFailure(c, profile), c);
    }

    private static String reason(FoscAuthenticationException e) {
        switch (e.result()) {
            case 2: return "access denied";
            case 3: return "too many users";
            default: return "bad user or password";
        }
    }

    private int fail(PrintWriter err, int exit, String message, Throwable cause) {
        err.println("error: " + message);
        if (verbose && cause != null) {
            cause.printStackTrace(err);
        }
        err.flush();
        return exit;
    }

    private static String summary(RecordingReport r) {
        StringBuilder s = new StringBuilder("stopped".equals(r.outcome()) ? "stopped early (Ctrl-C or SIGTERM) after "
                : "completed: recorded ").append(Duration.between(r.started(), r.ended()).toMillis())
                .append(" ms from ").append(r.host()).append(':').append(r.port()).append(": ")
                .append(r.videoFrames()).append(" video frames");
        if (r.firstVideo() != null) {
            s.append(" (").append(r.firstVideo().width()).append('x').append(r.firstVideo().height()).append(')');
        }
        if (r.audio()) {
            s.append(", ").append(r.audioFrames()).append(" audio frames");
        }
        s.append(", ").append(r.events()).append(" events, ").append(r.reconnects()).append(" reconnects, ")
                .append(r.gaps().size()).append(" gaps");
        return s.toString();
    }

    private static void verbose() {
        org.slf4j.Logger logger = LoggerFactory.getLogger("dev.fosc");
        if (logger instanceof ch.qos.logback.classic.Logger) {
            ((ch.qos.logback.classic.Logger) logger).setLevel(ch.qos.logback.classic.Level.DEBUG);
        }
    }
}
