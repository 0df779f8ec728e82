package dev.fosc.benchmarks.bridge;

import dev.fosc.benchmarks.fleet.ProcessMetrics;
import dev.fosc.bridge.BridgeCameraStats;
import dev.fosc.bridge.BridgeServer;
import dev.fosc.client.FoscClient;
import dev.fosc.client.FoscSessionOptions;
import dev.fosc.client.FoscSessionState;
import dev.fosc.codec.FoscCredentials;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * The bridge in its own JVM for {@link BridgeLoad}: one camera {@code camN} per fleet port. Prints
 * {@code RTSP port} once listening, then answers {@code STATS} (process CPU, GC time, direct and resident memory,
 * heap in use, cameras connected, viewers, frames dropped by the bridge, video frames its sessions received and
 * dropped) and {@code HEAP} (heap after two full
 * collections); exits on {@code STOP}.
 */
@Command(name = "bridge-host", mixinStandardHelpOptions = true, description = "Runs a bridge in front of a fleet.")
public final class BridgeHost implements Callable<Integer> {

    @Option(names = "--ports", required = true, split = ",", description = "the fleet's ports")
    int[] ports;
    @Option(names = "--threads", description = "event-loop threads of the bridge's client")
    int threads = 2;
    @Option(names = "--password")
    String password = "";

    /**
     * Runs it.
     *
     * @param args the options
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new BridgeHost()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        try (FoscClient client = FoscClient.builder().threads(threads).build()) {
            BridgeServer.Builder b = BridgeServer.builder(client).port(0);
            for (int i = 0; i < ports.length; i++) {
                b.camera("cam" + i, FoscSessionOptions.builder("127.0.0.1", FoscCredentials.of("admin", password))
                        .port(ports[i]).build());
            }
            try (BridgeServer bridge = b.build().start()) {
                out.println("RTSP " + bridge.port());
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                for (String line = in.readLine(); line != null && !line.trim().equals("STOP"); line = in.readLine()) {
                    switch (line.trim()) {
                        case "STATS" -> out.println(stats(bridge, client));
                        case "HEAP" -> out.println("HEAP heap_after_gc=" + ProcessMetrics.heapUsedAfterGc());
                        default -> out.println("ERROR unknown command " + line);
                    }
                }
            }
        }
        return 0;
    }

    private static String stats(BridgeServer bridge, FoscClient client) {
        long connected = 0;
        long viewers = 0;
        long dropped = 0;
        for (BridgeCameraStats c : bridge.stats()) {
            connected += c.state() == FoscSessionState.CONNECTED ? 1 : 0;
            viewers += c.viewers();
            dropped += c.droppedFrames();
        }
        Runtime rt = Runtime.getRuntime();
        return "STATS cpu_ns=" + ProcessMetrics.processCpuNanos() + " gc_ms=" + ProcessMetrics.gcMillis()
                + " direct=" + ProcessMetrics.directBytes() + " rss=" + ProcessMetrics.residentBytes() + " heap_used="
                + (rt.totalMemory() - rt.freeMemory()) + " connected=" + connected + " viewers=" + viewers
                + " dropped=" + dropped + " received=" + client.stats().totals().videoFrames() + " client_dropped="
                + client.stats().totals().droppedVideoFrames();
    }
}
