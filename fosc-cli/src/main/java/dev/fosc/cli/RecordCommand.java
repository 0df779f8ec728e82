package dev.fosc.cli;

import dev.fosc.cli.common.CameraOptions;
import dev.fosc.cli.common.CameraTarget;
import dev.fosc.cli.common.CamerasFile;
import dev.fosc.cli.common.CliException;
import dev.fosc.cli.common.ErrorText;
import dev.fosc.cli.common.ExitCodes;
import dev.fosc.cli.common.StopSignals;
import dev.fosc.cli.record.CameraRecording;
import dev.fosc.cli.record.DurationConverter;
import dev.fosc.cli.record.Recorder;
import dev.fosc.cli.record.RecordingReport;
import dev.fosc.cli.record.StatusLine;
import dev.fosc.client.FoscClient;
import dev.fosc.client.FoscReconnectPolicy;
import dev.fosc.client.FoscSessionOptions;
import dev.fosc.client.FoscStream;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code fosc record}: records one camera ({@code --host}...) or every camera of a cameras file ({@code --config},
 * one subfolder of {@code --out} per camera, named after it, all on one client) for a while: {@code video.h264}
 * (Annex-B, from a key frame), {@code audio.wav} with {@code --audio} (8 kHz mono 16-bit, decoded from G.726 when
 * the camera sends that), {@code events.jsonl} and {@code session.json}. Recording goes on through connection
 * drops and camera reboots (the client reconnects with backoff; each loss is noted as a gap). A status line on
 * standard error shows it is alive ({@link StatusLine}).
 *
 * <p>Exit codes ({@link ExitCodes}): {@value #EXIT_OK} done, {@value #EXIT_IO} the output could not be written,
 * {@value #EXIT_USAGE} usage or configuration error (an output directory that cannot be created included),
 * {@value #EXIT_LOGIN_REFUSED} login refused: the first login (after exactly one attempt), or, at the end of the
 * recording, the last re-login (the session was waiting as credentials suspect: the camera refused a re-login of the
 * password it had accepted; the recording went on for its whole duration meanwhile), {@value #EXIT_UNREACHABLE}
 * cannot connect, protocol error or a refused request, before or after the first login; with several cameras the worst
 * of them, while the others record on. Errors are one {@code error: ...} line on standard error; a stack trace
 * only with {@code --verbose}. The password never appears in any output.
 *
 * <p>Ctrl-C and SIGTERM end the recording early but cleanly ({@link StopSignals}): the wait ends, the sessions are
 * closed, the files closed and {@code session.json} written with outcome {@code stopped}, and the process exits
 * 130 or 143. Without {@code StopSignals} (embedded) a shutdown hook does the same, bounded by
 * {@link #SHUTDOWN_GRACE}.
 *
 * <p><b>Threading:</b> runs on the calling thread, which blocks for the recording's duration; the client's event
 * loop, one writer thread per camera and one thread per camera while it sets up do the work. One instance per
 * execution; {@link #requestStop()} from any thread.
 */
@Command(name = "record", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Record cameras into a directory, through drops and reboots.",
            "Writes video.h264, audio.wav (--audio), events.jsonl and session.json; with --config one subfolder",
            "per camera."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:recorded for the whole duration", "1:the output could not be written",
            "2:usage or configuration error (also: the output directory cannot be created)",
            "3:login refused (no second attempt was made)",
            "4:cannot connect, protocol error, or a request refused (before or after the first login)",
            "130:stopped by Ctrl-C (SIGINT), files finished", "143:stopped by SIGTERM, files finished"},
        footerHeading = "%nExamples:%n",
        footer = {"  export FOSC_PASSWORD=secret",
            "  fosc record --host 192.168.1.20 --out cam1 --audio --duration 30s",
            "  fosc record --config cameras.yml --out recordings --duration 1h", ""})
public final class RecordCommand implements Callable<Integer> {

    /** Recorded for the whole duration. */
    public static final int EXIT_OK = ExitCodes.OK;
    /** The output directory or a file in it could not be written. */
    public static final int EXIT_IO = ExitCodes.IO;
    /** Bad command line or cameras file (picocli's usage exit code). */
    public static final int EXIT_USAGE = ExitCodes.USAGE;
    /** The camera refused the login; exactly one attempt was made. */
    public static final int EXIT_LOGIN_REFUSED = ExitCodes.LOGIN_REFUSED;
    /** The camera could not be reached, broke the protocol or refused a request. */
    public static final int EXIT_UNREACHABLE = ExitCodes.CAMERA;
    /**
     * How long the shutdown hook (when {@link StopSignals} is not installed) lets the recording end: close the
     * sessions (5 s at most), let the writers finish ({@link Recorder#DRAIN_TIMEOUT}, twice at most), close the
     * files, write session.json.
     */
    public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(30);

    @Mixin
    CameraOptions camera;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A cameras file (YAML) to record every camera of, instead of --host.")
    Path config;

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

    @Option(names = "--min-login-interval", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Shortest time between two logins to the camera, also after a drop (default: 5s; cameras"
                    + " refuse logins that come back to back as if the password were wrong).")
    Duration minLoginInterval = FoscReconnectPolicy.DEFAULT_MIN_LOGIN_INTERVAL;

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

    /** How often the status line is printed; hidden: for tests (default: 1 s on a terminal, else 10 s). */
    @Option(names = "--status-interval", hidden = true, paramLabel = "DURATION", converter = DurationConverter.class)
    Duration statusInterval;

    @Option(names = {"-v", "--verbose"}, description = "Log progress details and show stack traces (standard error).")
    boolean verbose;

    @Spec
    CommandLine.Model.CommandSpec spec;

    private final CompletableFuture<Void> stopRequested = new CompletableFuture<>();
    private Map<String, String> env = System.getenv();
    private Clock clock = Clock.systemUTC();

    /** Reads the environment from {@code env} instead of {@link System#getenv()} (for tests and embedding). */
    public RecordCommand env(Map<String, String> env) {
        this.env = Map.copyOf(env);
        return this;
    }

    @Override
    @SuppressWarnings("try") // the stop registration is held for the try block, not used in it
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (verbose) {
            verbose();
        }
        FoscStream videoStream;
        try {
            videoStream = FoscStream.valueOf(stream.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--stream must be main or sub: '" + stream
                    + "'");
        }
        List<CameraTarget> targets;
        try {
            if (config != null && camera.hasHost()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "give --host or --config, not both");
            }
            if (config == null && !camera.hasHost()) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "missing required option: '--host=HOST' (or --config FILE)");
            }
            targets = config != null ? CamerasFile.parse(config, env) : List.of(camera.target(env));
        } catch (CliException e) {
            if (e.exitCode() == EXIT_USAGE && config == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            return fail(err, e.exitCode(), e.getMessage(), e.getCause());
        }
        Map<CameraTarget, FoscSessionOptions> options = new LinkedHashMap<>();
        try {
            for (CameraTarget t : targets) {
                options.put(t, sessionOptions(t));
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        for (CameraTarget t : targets) {
            try {
                t.checkResolvable();
            } catch (CliException e) {
                return fail(err, e.exitCode(), prefix(t, targets) + e.getMessage(), e.getCause());
            }
        }
        boolean many = config != null;
        Map<CameraTarget, Path> dirs = new LinkedHashMap<>();
        for (CameraTarget t : targets) {
            Path dir = many ? out.resolve(t.name()) : out;
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                return fail(err, EXIT_USAGE, "output directory " + dir + " cannot be created: "
                        + ErrorText.fileReason(e), e);
            }
            dirs.put(t, dir);
        }
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
             FoscClient client = FoscClient.builder().threads(Math.min(2, targets.size())).build()) {
            List<CameraRecording> recordings = new ArrayList<>();
            for (CameraTarget t : targets) {
                Recorder recorder;
                try {
                    recorder = Recorder.open(dirs.get(t), audio, clock, err);
                } catch (IOException e) {
                    return fail(err, EXIT_IO, "the output files in " + dirs.get(t) + " cannot be created: "
                            + ErrorText.fileReason(e), e);
                }
                recorder.noticePrefix(many ? "fosc record: " + t.name() + ": " : "fosc record: ");
                recordings.add(new CameraRecording(t, dirs.get(t), recorder, client, options.get(t)));
            }
            boolean stopped = record(recordings, videoStream, err);
            return finish(recordings, stopped, many, err);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook is running and returns now
            }
        }
    }

    /** Sets every camera up, shows the status and waits for the duration; true if a stop was requested. */
    @SuppressWarnings("try") // the status line runs for the try block, not used in it
    private boolean record(List<CameraRecording> recordings, FoscStream videoStream, PrintWriter err) {
        long startNanos = System.nanoTime();
        List<CompletableFuture<Void>> setups = new ArrayList<>();
        for (CameraRecording r : recordings) {
            String prefix = prefix(r.target(), recordings.size() > 1 || config != null);
            setups.add(CompletableFuture.runAsync(() -> r.setUp(videoStream, audio, stopRequested,
                    line -> notice(err, prefix + line)), command -> {
                Thread t = new Thread(command, "fosc-record-setup-" + r.target().name());
                t.setDaemon(true);
                t.start();
            }));
        }
        CompletableFuture<Void> allEnded = CompletableFuture.allOf(recordings.stream().map(CameraRecording::ended)
                .toArray(CompletableFuture<?>[]::new));
        try {
            CompletableFuture.anyOf(CompletableFuture.allOf(setups.toArray(new CompletableFuture[0])), stopRequested)
                    .join();
            if (stopRequested.isDone() || allEnded.isDone()) {
                return stopRequested.isDone();
            }
            try (StatusLine status = StatusLine.start(recordings, err, System.console() != null, statusInterval)) {
                long left = duration.toNanos() - (System.nanoTime() - startNanos);
                CompletableFuture.anyOf(stopRequested, allEnded).get(Math.max(0, left), TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException e) {
            recordings.forEach(CameraRecording::credentialsStillSuspect);
            return false; // recorded for the whole duration
        } catch (ExecutionException e) {
            return stopRequested.isDone();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
        return stopRequested.isDone();
    }

    /** Closes the sessions, finishes the files, prints the summaries and errors; the exit code. */
    private int finish(List<CameraRecording> recordings, boolean stopped, boolean many, PrintWriter err) {
        int exit = EXIT_OK;
        PrintWriter stdout = spec.commandLine().getOut();
        for (CameraRecording r : recordings) {
            String prefix = prefix(r.target(), many);
            int code = r.exit();
            try {
                RecordingReport report = r.finish(stopped, stream.trim());
                if (code == EXIT_OK) {
                    stdout.println(prefix + summary(report) + "; files in " + r.dir());
                }
            } catch (IOException e) {
                code = code == EXIT_OK ? EXIT_IO : code;
                fail(err, EXIT_IO, prefix + "the recording in " + r.dir() + " cannot be written: "
                        + ErrorText.fileReason(e), e);
            }
            if (r.exit() != EXIT_OK) {
                fail(err, r.exit(), prefix + r.error(), r.cause());
            }
            exit = worse(exit, code);
        }
        stdout.flush();
        return exit;
    }

    /** The exit code that says more: a refused login, then no connection, then an output error. */
    private static int worse(int a, int b) {
        for (int code : new int[] {EXIT_LOGIN_REFUSED, EXIT_UNREACHABLE, EXIT_IO}) {
            if (a == code || b == code) {
                return code;
            }
        }
        return a != EXIT_OK ? a : b;
    }

    private FoscSessionOptions sessionOptions(CameraTarget t) {
        Duration initial = FoscReconnectPolicy.DEFAULT_INITIAL_DELAY.compareTo(reconnectMaxDelay) < 0
                ? FoscReconnectPolicy.DEFAULT_INITIAL_DELAY : reconnectMaxDelay;
        return t.sessionOptions().readerIdleTimeout(stallTimeout).keepaliveInterval(keepaliveFor(stallTimeout))
                .reconnectPolicy(FoscReconnectPolicy.builder().initialDelay(initial).maxDelay(reconnectMaxDelay)
                        .rateLimitedDelay(rateLimitedDelay).minLoginInterval(minLoginInterval).build())
                .build();
    }

    private static String prefix(CameraTarget t, List<CameraTarget> all) {
        return prefix(t, all.size() > 1);
    }

    private static String prefix(CameraTarget t, boolean many) {
        return many ? t.name() + ": " : "";
    }

    /**
     * Ends the recording early, as Ctrl-C (or SIGTERM) does: the wait ends, the sessions are closed, the files are
     * closed and {@code session.json} written with outcome {@code stopped}. Any thread.
     */
    public void requestStop() {
        stopRequested.complete(null);
    }

    /** The default keepalive, or half the stall timeout when that is shorter (the keepalive must come first). */
    static Duration keepaliveFor(Duration stallTimeout) {
        Duration half = stallTimeout.dividedBy(2);
        return half.compareTo(FoscSessionOptions.DEFAULT_KEEPALIVE_INTERVAL) < 0 && !half.isZero() ? half
                : FoscSessionOptions.DEFAULT_KEEPALIVE_INTERVAL;
    }

    private static void notice(PrintWriter err, String line) {
        err.println("fosc record: " + line);
        err.flush();
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
