package dev.fosc.cli;

import dev.fosc.bridge.BridgeServer;
import dev.fosc.bridge.BridgeStartException;
import dev.fosc.bridge.MqttSettings;
import dev.fosc.cli.bridge.HttpSection;
import dev.fosc.cli.bridge.MqttSection;
import dev.fosc.cli.bridge.RtspSection;
import dev.fosc.cli.common.CameraTarget;
import dev.fosc.cli.common.CamerasFile;
import dev.fosc.cli.common.CliException;
import dev.fosc.cli.common.ExitCodes;
import dev.fosc.cli.common.StopSignals;
import dev.fosc.cli.common.StoppableCommand;
import dev.fosc.cli.record.DurationConverter;
import dev.fosc.client.FoscClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code fosc bridge --config FILE}: every camera of a cameras file as an RTSP stream
 * {@code rtsp://HOST:PORT/NAME} ({@link BridgeServer}), until Ctrl-C or {@code --duration}. Prints
 * {@code rtsp listening on HOST:PORT} on standard output once ready; cameras connect in the background and keep
 * reconnecting, so a camera offline at start does not stop the bridge.
 *
 * <p><b>Threading:</b> the command's thread waits; the bridge runs on the client's event loops. One instance per
 * execution.
 */
@Command(name = "bridge", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve every camera of a cameras file as an RTSP stream: rtsp://HOST:PORT/NAME.",
            "H.264 video and the camera's audio (PCMU or L16) over RTSP/TCP, one camera session however many viewers.",
            "The file's rtsp: section sets the port (default 8554; 0 picks a free one), the bind address, the",
            "viewers' username and password (Digest or Basic; none by default) and the audio (pcmu or l16);",
            "its optional mqtt: section (url tcp:// or ssl://, username, password, prefix, motion_off_after, qos,",
            "max_in_flight, ca_file) publishes availability, motion and events, and Home Assistant discovery",
            "(again when Home Assistant restarts); its optional http: section (port) serves /healthz",
            "and /metrics (Prometheus)."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:done (the duration ended)",
            "2:usage or configuration error (also: the RTSP port cannot be bound)",
            "130:stopped by Ctrl-C (SIGINT)", "143:stopped by SIGTERM"},
        footerHeading = "%nExample:%n",
        footer = {"  fosc bridge --config cameras.yml", "  ffplay -rtsp_transport tcp rtsp://127.0.0.1:8554/door", ""})
public final class BridgeCommand extends StoppableCommand<BridgeCommand> {

    @Option(names = "--config", paramLabel = "FILE", required = true,
            description = "A cameras file (YAML) with a cameras: section and optionally an rtsp: section.")
    Path config;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to run: 30s, 5m, 1h... (default: until Ctrl-C).")
    Duration duration;

    @Override
    protected BridgeCommand self() {
        return this;
    }

    @Override
    @SuppressWarnings("try") // the stop registration is held for the try block, not used in it
    public Integer call() throws Exception {
        List<CameraTarget> targets = CamerasFile.parse(config, env,
                new LinkedHashSet<>(List.of(RtspSection.NAME, MqttSection.NAME, HttpSection.NAME)));
        RtspSection rtsp = RtspSection.read(config, env);
        MqttSettings mqtt = MqttSection.read(config, env);
        int httpPort = HttpSection.port(config);
        InetAddress bind;
        try {
            bind = InetAddress.getByName(rtsp.bind());
        } catch (UnknownHostException e) {
            throw CliException.usage(config + ": rtsp.bind: the address '" + rtsp.bind() + "' cannot be resolved");
        }
        for (CameraTarget t : targets) {
            t.checkResolvable();
        }
        PrintWriter out = spec.commandLine().getOut();
        try (StopSignals.Registration stop = StopSignals.onStop(this::requestStop);
             FoscClient client = FoscClient.builder().threads(Math.min(FoscClient.DEFAULT_THREADS, 4)).build()) {
            BridgeServer.Builder builder = BridgeServer.builder(client).bindAddress(bind).port(rtsp.port())
                    .audioCodec(rtsp.audio()).mqtt(mqtt);
            if (rtsp.username() != null) {
                builder.credentials(rtsp.username(), rtsp.password());
            }
            if (httpPort >= 0) {
                builder.httpPort(httpPort);
            }
            for (CameraTarget t : targets) {
                builder.camera(t.name(), t.sessionOptions().build());
            }
            BridgeServer bridge;
            try {
                bridge = builder.build().start();
            } catch (BridgeStartException e) {
                throw new CliException(ExitCodes.USAGE, e.getMessage(), e);
            }
            try (bridge) {
                // one write, so that a reader never sees the block in part
                StringBuilder ready = new StringBuilder(bridge.listeningLine()).append(System.lineSeparator());
                String host = bridge.address().getAddress().getHostAddress();
                for (String name : bridge.cameraNames()) {
                    ready.append("  ").append(name).append(": rtsp://").append(host).append(':')
                            .append(bridge.port()).append('/').append(name).append(System.lineSeparator());
                }
                if (bridge.httpPort() >= 0) {
                    ready.append("http listening on ").append(host).append(':').append(bridge.httpPort())
                            .append(" (/healthz, /metrics)").append(System.lineSeparator());
                }
                out.print(ready);
                out.flush();
                CompletableFuture<?> end = duration == null ? new CompletableFuture<>()
                        : CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(duration.toMillis(),
                                TimeUnit.MILLISECONDS));
                CompletableFuture.anyOf(end, stopRequested).join();
            }
            return ExitCodes.OK;
        } finally {
            out.flush();
        }
    }
}
