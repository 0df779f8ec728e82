package dev.fosc.cli;

import dev.fosc.cli.capture.CaptureProxy;
import dev.fosc.cli.common.CameraConnect;
import dev.fosc.cli.common.CameraOptions;
import dev.fosc.cli.common.CameraTarget;
import dev.fosc.cli.common.CliException;
import dev.fosc.cli.common.ErrorText;
import dev.fosc.cli.common.ExitCodes;
import dev.fosc.cli.common.StopSignals;
import dev.fosc.cli.common.StoppableCommand;
import dev.fosc.cli.record.DurationConverter;
import dev.fosc.client.FoscClient;
import dev.fosc.client.FoscSession;
import dev.fosc.client.FoscSessionOptions;
import dev.fosc.client.FoscStream;
import dev.fosc.codec.FoscCredentials;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code fosc capture --out DIR}: records both directions of a session as raw byte streams, {@code client.bin}
 * and {@code camera.bin}, the input {@code fosc decode} reads. A client session logs in through a loopback relay
 * ({@link CaptureProxy}) and turns video and audio on; the relay writes what crosses it until {@code --duration}
 * ends, Ctrl-C, or the connection ends (a reconnect is not captured: it would start a second preamble).
 *
 * <p>{@code client.bin} holds the login as the camera receives it, password included (as any packet capture
 * would): the files are created readable by their owner only, and {@code fosc decode} prints the password as
 * {@code "<redacted>"}.
 *
 * <p><b>Threading:</b> runs on the calling thread; one instance per execution.
 */
@Command(name = "capture", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Capture a session's two directions as raw byte streams for 'fosc decode'.",
            "Writes client.bin and camera.bin; client.bin holds the login, password included, so both files are",
            "created readable by you only."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:captured", "1:the output could not be written",
            "2:usage error, or the output directory cannot be created",
            "3:login refused (no second attempt was made)", "4:cannot connect or protocol error",
            "130:stopped by Ctrl-C (SIGINT), files finished", "143:stopped by SIGTERM, files finished"},
        footerHeading = "%nExample:%n",
        footer = {"  fosc capture --host 192.168.1.20 --password-file pw.txt --out cap --duration 10s",
            "  fosc decode cap/camera.bin", ""})
public final class CaptureCommand extends StoppableCommand<CaptureCommand> {

    @Mixin
    CameraOptions camera;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created).")
    Path out;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to capture: 10s, 1m... (default: 10s).")
    Duration duration = Duration.ofSeconds(10);

    @Override
    protected CaptureCommand self() {
        return this;
    }

    @Override
    @SuppressWarnings("try") // the stop registration is held for the try block, not used in it
    public Integer call() throws Exception {
        if (!camera.hasHost()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "missing required option: '--host=HOST'");
        }
        CameraTarget target = camera.target(env);
        target.checkResolvable();
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "output directory " + out + " cannot be created: "
                    + ErrorText.fileReason(e), e);
        }
        CaptureProxy proxy;
        try {
            proxy = CaptureProxy.start(out, new InetSocketAddress(target.host(), target.port()));
        } catch (IOException e) {
            throw new CliException(ExitCodes.IO, "the capture files in " + out + " cannot be created: "
                    + ErrorText.fileReason(e), e);
        }
        boolean ended;
        try (StopSignals.Registration stop = StopSignals.onStop(this::requestStop);
             FoscClient client = FoscClient.builder().threads(1).build()) {
            InetSocketAddress relay = proxy.address();
            // through the relay, which takes one connection: when it ends, the capture ends
            FoscSession session = client.newSession(FoscSessionOptions.builder(relay.getHostString(),
                    FoscCredentials.of(target.user(), target.password())).port(relay.getPort())
                    .profile(target.profile()).build());
            try {
                CameraConnect.login(session, target);
            } catch (CliException e) {
                if (proxy.cameraError() != null) {
                    throw new CliException(ExitCodes.CAMERA, "cannot connect to " + target.hostPort() + ": "
                            + proxy.cameraError(), e);
                }
                throw e;
            }
            CameraConnect.await(CompletableFuture.allOf(session.videoOn(FoscStream.MAIN), session.audioOn()),
                    target, "turning video and audio on");
            try {
                CompletableFuture.anyOf(stopRequested, proxy.closed()).get(duration.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // captured for the whole duration
            } catch (ExecutionException e) {
                // the relay ended: what was captured stays
            }
            ended = proxy.closed().isDone() && !stopRequested.isDone();
            session.close().orTimeout(5, TimeUnit.SECONDS).exceptionally(t -> null).join();
        } finally {
            try {
                proxy.close();
            } catch (IOException e) {
                throw new CliException(ExitCodes.IO, "the capture in " + out + " cannot be written: "
                        + ErrorText.fileReason(e), e);
            }
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println(String.format(Locale.ROOT, "%s: %d bytes from the client in %s, %d bytes from %s in %s",
                ended ? "the camera ended the connection; captured" : stopRequested.isDone() ? "stopped; captured"
                        : "captured", proxy.clientBytes(), out.resolve(CaptureProxy.CLIENT_FILE), proxy.cameraBytes(),
                target.hostPort(), out.resolve(CaptureProxy.CAMERA_FILE)));
        stdout.println("decode them: fosc decode " + out.resolve(CaptureProxy.CAMERA_FILE) + "   fosc decode "
                + out.resolve(CaptureProxy.CLIENT_FILE));
        stdout.flush();
        return ExitCodes.OK;
    }
}
