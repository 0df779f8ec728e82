package dev.fosc.cli;

import dev.fosc.cli.common.CameraConnect;
import dev.fosc.cli.common.CameraOptions;
import dev.fosc.cli.common.CameraTarget;
import dev.fosc.cli.common.CamerasFile;
import dev.fosc.cli.common.CliException;
import dev.fosc.cli.common.ErrorText;
import dev.fosc.cli.common.ExitCodes;
import dev.fosc.cli.common.StopSignals;
import dev.fosc.cli.common.StoppableCommand;
import dev.fosc.cli.record.DurationConverter;
import dev.fosc.cli.record.EventJsonWriter;
import dev.fosc.client.FoscClient;
import dev.fosc.client.FoscEvent;
import dev.fosc.client.FoscSession;
import dev.fosc.client.FoscSessionListener;
import dev.fosc.client.FoscSessionState;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * {@code fosc events}: the camera's events as JSON Lines on standard output, one object per event with
 * {@code camera}, {@code time}, {@code type} ({@code motion}, {@code presetsChanged}, {@code login}...) and the
 * decoded fields, as {@code events.jsonl} has them, until {@code --duration} ends or Ctrl-C. With {@code --config}
 * every camera of a cameras file, on one client, each line naming its camera. The session
 * reconnects on its own; only a refused login ends it early (exit 3). Each line is flushed as it is written.
 *
 * <p><b>Threading:</b> the listener runs on the client's event loop and writes under the output's lock; the
 * command's thread waits. One instance per execution.
 */
@Command(name = "events", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Print camera events (motion, settings changes) as JSON Lines.",
            "One object per event on standard output, until the duration ends or Ctrl-C."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:done (the duration ended)", "2:usage error",
            "3:login refused (no second attempt was made)", "4:cannot connect or protocol error",
            "130:stopped by Ctrl-C (SIGINT)", "143:stopped by SIGTERM"},
        footerHeading = "%nExample:%n",
        footer = {"  fosc events --host 192.168.1.20 | grep '\"type\":\"motion\"'", ""})
public final class EventsCommand extends StoppableCommand<EventsCommand> {

    @Mixin
    CameraOptions camera;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A cameras file (YAML): print the events of every camera in it, instead of --host.")
    java.nio.file.Path config;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to listen: 30s, 5m, 1h... (default: until Ctrl-C).")
    Duration duration;

    @Override
    protected EventsCommand self() {
        return this;
    }

    @Override
    @SuppressWarnings("try") // the stop registration is held for the try block, not used in it
    public Integer call() throws Exception {
        if (config != null && camera.hasHost()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --host or --config, not both");
        }
        if (config == null && !camera.hasHost()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "missing required option: '--host=HOST' (or --config FILE)");
        }
        List<CameraTarget> targets = config != null ? CamerasFile.parse(config, env) : List.of(camera.target(env));
        for (CameraTarget t : targets) {
            t.checkResolvable();
        }
        PrintWriter out = spec.commandLine().getOut();
        CompletableFuture<CliException> failed = new CompletableFuture<>();
        try (StopSignals.Registration stop = StopSignals.onStop(this::requestStop);
             FoscClient client = FoscClient.builder().threads(1).build()) {
            List<CompletableFuture<?>> logins = new ArrayList<>();
            for (CameraTarget t : targets) {
                FoscSession session = client.newSession(t.sessionOptions().build(), new Printer(t, out, failed));
                logins.add(session.connect().exceptionally(e -> {
                    failed.complete(CameraConnect.failure(e, t));
                    return null;
                }));
            }
            CompletableFuture<?> end = duration == null ? new CompletableFuture<>()
                    : CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(duration.toMillis(),
                            TimeUnit.MILLISECONDS));
            try {
                CompletableFuture.anyOf(end, stopRequested, failed).get();
            } catch (ExecutionException e) {
                throw new CliException(ExitCodes.CAMERA, ErrorText.describe(e), e);
            }
            if (failed.isDone() && !stopRequested.isDone()) {
                throw failed.join();
            }
            return ExitCodes.OK;
        } finally {
            out.flush();
        }
    }

    /** Prints the events of one camera; a refused login (first or after a reconnect) ends the command. */
    private static final class Printer implements FoscSessionListener {
        private final CameraTarget target;
        private final PrintWriter out;
        private final CompletableFuture<CliException> failed;

        Printer(CameraTarget target, PrintWriter out, CompletableFuture<CliException> failed) {
            this.target = target;
            this.out = out;
            this.failed = failed;
        }

        @Override
        public void onEvent(FoscSession session, FoscEvent event) {
            StringWriter line = new StringWriter();
            try {
                EventJsonWriter.write(line, event, target.name());
            } catch (IOException e) {
                return; // a StringWriter does not fail
            }
            synchronized (out) {
                out.println(line);
                out.flush();
            }
        }

        @Override
        public void onStateChanged(FoscSession session, FoscSessionState from, FoscSessionState to,
                                   Throwable cause) {
            // only a refused first login is final (FAILED); a refused re-login leaves the session waiting as
            // credentials suspect and trying again, and the events go on once it is back
            if (to == FoscSessionState.FAILED) {
                failed.complete(CameraConnect.failure(cause != null ? cause : new IllegalStateException(
                        "the session to " + target.hostPort() + " failed"), target));
            }
        }
    }

}
