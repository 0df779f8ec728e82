package dev.fosc.benchmarks.fleet;

import dev.fosc.testkit.FakeCamera;
import dev.fosc.testkit.FakeCameraFleet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * The fake fleet in its own JVM, so that the cameras' CPU and memory never count as the client's. Started by
 * {@link ServerProcess}; also usable alone as a load generator for {@code FleetBenchmark --connect}
 * (with {@code --cameras 1} every session goes to the same port).
 *
 * <p>Protocol on standard output/input, one line each: it prints {@code PORTS p1 p2 ...} once every camera
 * listens, then answers {@code STATS} with {@code STATS key=value ...}, {@code TALK} with the talk lateness
 * ({@link TalkLateness}) as {@code TALK key=value ...}, {@code CLEAR} (forget talk audio) with {@code OK}; it
 * closes the fleet and exits on {@code STOP} or at the end of its input.
 */
@Command(name = "fleet-server", mixinStandardHelpOptions = true,
        description = "Runs a FakeCameraFleet until told to stop on standard input.")
public final class FleetServer implements Callable<Integer> {

    @Option(names = "--cameras", description = "fake cameras (ports)")
    int cameras = 1;
    @Option(names = "--fps")
    int fps = 25;
    @Option(names = "--bit-rate", description = "video padding, bit/s per camera (0: the clip as it is)")
    int bitRate;
    @Option(names = "--unpaced", description = "send video as fast as each connection takes it")
    boolean unpaced;
    @Option(names = "--threads", description = "event-loop threads of the fleet")
    int threads = 2;
    @Option(names = "--user")
    String user = FakeCamera.DEFAULT_USER;
    @Option(names = "--password")
    String password = "";
    @Option(names = "--uptime-timestamps", description = "media timestamps in milliseconds since the camera started"
            + " (default: epoch microseconds, taken when a frame is written)")
    boolean uptimeTimestamps;
    @Option(names = "--base-port", description = "first port (0: ephemeral ports)")
    int basePort;
    @Option(names = "--max-played-frames", description = "talk frames each speaker keeps with their PCM (default "
            + "${DEFAULT-VALUE}; arrival times are kept for every frame regardless)")
    int maxPlayedFrames = 0;

    public static void main(String[] args) {
        System.exit(new CommandLine(new FleetServer()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        FakeCamera.Builder template = FakeCamera.builder().user(user).password(password).fps(fps).videoBitRate(bitRate)
                .unpaced(unpaced).epochTimestamps(!uptimeTimestamps).maxPlayedFrames(maxPlayedFrames).name("fleet");
        try (FakeCameraFleet fleet = FakeCameraFleet.builder(template).cameras(cameras).threads(threads)
                .basePort(basePort).start()) {
            StringBuilder ports = new StringBuilder("PORTS");
            for (FakeCamera c : fleet.cameras()) {
                ports.append(' ').append(c.port());
            }
            out.println(ports);
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null && !line.trim().equals("STOP"); line = in.readLine()) {
                switch (line.trim()) {
                    case "STATS" -> out.println(stats(fleet));
                    case "TALK" -> out.println(talk(fleet));
                    case "CLEAR" -> {
                        fleet.cameras().forEach(c -> c.speaker().clear());
                        out.println("OK");
                    }
                    default -> out.println("ERROR unknown command " + line);
                }
            }
        }
        return 0;
    }

    static String stats(FakeCameraFleet fleet) {
        long open = 0;
        long skipped = 0;
        for (FakeCamera c : fleet.cameras()) {
            open += c.openConnectionCount();
            skipped += c.videoFramesSkipped();
        }
        long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        return "STATS open=" + open + " connections=" + fleet.connectionCount() + " logins=" + fleet.loginCount()
                + " sent=" + fleet.videoFramesSent() + " skipped=" + skipped + " cpu_ns=" + cpu + " gc_ms="
                + ProcessMetrics.gcMillis();
    }

    static String talk(FakeCameraFleet fleet) {
        DelayHistogram h = new DelayHistogram();
        long[] minMax = {Long.MAX_VALUE, Long.MIN_VALUE};
        long discarded = 0;
        long received = 0;
        int talkers = 0;
        for (FakeCamera c : fleet.cameras()) {
            long[] arrivals = c.speaker().arrivalNanos();
            if (arrivals.length > 0) {
                talkers++;
            }
            TalkLateness.record(arrivals, h, minMax);
            discarded += c.speaker().discardedFrames();
            received += c.speaker().receivedFrames();
        }
        return "TALK talkers=" + talkers + " received=" + received + " measured=" + h.count() + " discarded=" + discarded
                + " p50_us=" + h.quantile(0.5) + " p99_us=" + h.quantile(0.99) + " max_us="
                + (h.count() == 0 ? -1 : minMax[1]) + " min_us=" + (h.count() == 0 ? -1 : minMax[0]);
    }
}
