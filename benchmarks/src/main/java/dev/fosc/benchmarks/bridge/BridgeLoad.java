package dev.fosc.benchmarks.bridge;

import dev.fosc.benchmarks.child.ChildJvm;
import dev.fosc.benchmarks.fleet.FleetServer;
import dev.fosc.benchmarks.fleet.Json;
import dev.fosc.benchmarks.fleet.ProcessMetrics;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The bridge under load: a fake fleet ({@link FleetServer}) in one child JVM, the bridge ({@link BridgeHost}) in
 * another with one camera per fleet port, and {@code --viewers} light RTSP/TCP viewers per camera ({@link RtspViewer})
 * in this JVM. After every viewer plays and a warm-up, it measures for {@code --seconds}: the bridge's CPU (% of one
 * core), heap after GC, direct and resident memory, the video frames the fleet sent and the bridge's sessions
 * received, the frames the viewers received (expected: received × viewers per camera), the frames the bridge dropped
 * for viewers that fell behind, and RTP packets missing by sequence number. Prints JSON (and writes it with
 * {@code --json}). Never asserts.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.fosc.benchmarks.bridge.BridgeLoad --cameras 200 --viewers 2 \
 *     --seconds 60 --json benchmarks/results/bridge-load.json
 * </pre>
 */
@Command(name = "bridge-load", mixinStandardHelpOptions = true,
        description = "Cameras x viewers through one bridge: CPU, memory, frames delivered and dropped.")
public final class BridgeLoad implements Callable<Integer> {

    @Option(names = "--cameras", description = "fake cameras, one bridge camera each (default ${DEFAULT-VALUE})")
    int cameras = 200;
    @Option(names = "--viewers", description = "RTSP viewers per camera (default ${DEFAULT-VALUE})")
    int viewers = 2;
    @Option(names = "--seconds", description = "measured seconds (default ${DEFAULT-VALUE})")
    double seconds = 60;
    @Option(names = "--warmup", description = "seconds between every viewer playing and the measurement")
    double warmup = 10;
    @Option(names = "--fps", description = "frames per second of each fake camera (default ${DEFAULT-VALUE})")
    int fps = 25;
    @Option(names = "--bridge-threads", description = "event-loop threads of the bridge (default ${DEFAULT-VALUE})")
    int bridgeThreads = 2;
    @Option(names = "--fleet-threads", description = "event-loop threads of the fleet (default ${DEFAULT-VALUE})")
    int fleetThreads = 2;
    @Option(names = "--viewer-threads", description = "event-loop threads of the viewers (default ${DEFAULT-VALUE})")
    int viewerThreads = 2;
    @Option(names = "--bridge-heap", description = "the bridge JVM's -Xmx (default ${DEFAULT-VALUE})")
    String bridgeHeap = "512m";
    @Option(names = "--json", description = "also write the JSON here")
    Path json;

    private String result;

    /**
     * Runs it from the command line.
     *
     * @param args the options
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new BridgeLoad()).execute(args));
    }

    /**
     * Runs it in this JVM (tests).
     *
     * @param args the options
     * @return the JSON
     */
    public static String run(String... args) {
        BridgeLoad load = new BridgeLoad();
        int code = new CommandLine(load).execute(args);
        if (code != 0) {
            throw new IllegalStateException("bridge-load exited with " + code);
        }
        return load.result;
    }

    @Override
    public Integer call() throws Exception {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("benchmark", "bridge-load");
        root.put("date", Instant.now().toString());
        root.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(), "jdk",
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")));
        Map<String, Object> load = new LinkedHashMap<>();
        load.put("cameras", cameras);
        load.put("viewers_per_camera", viewers);
        load.put("seconds", seconds);
        load.put("warmup_s", warmup);
        load.put("fps", fps);
        load.put("bridge_threads", bridgeThreads);
        load.put("bridge_heap", bridgeHeap);
        load.put("layout", "fleet (FleetServer) and bridge (BridgeHost) in child JVMs, viewers (RTSP/TCP interleaved,"
                + " Netty NIO) in the harness JVM, all on one machine");
        root.put("load", load);

        try (ChildJvm fleet = ChildJvm.start("1g", FleetServer.class, List.of("--cameras", String.valueOf(cameras),
                "--fps", String.valueOf(fps), "--threads", String.valueOf(fleetThreads), "--password", "pw"),
                "PORTS ")) {
            String ports = String.join(",", fleet.first().substring(6).trim().split(" "));
            try (ChildJvm bridge = ChildJvm.start(bridgeHeap, BridgeHost.class, List.of("--ports", ports, "--threads",
                    String.valueOf(bridgeThreads), "--password", "pw"), "RTSP ")) {
                int rtspPort = Integer.parseInt(bridge.first().substring(5).trim());
                EventLoopGroup group = new MultiThreadIoEventLoopGroup(viewerThreads, NioIoHandler.newFactory());
                try {
                    measure(root, fleet, bridge, group, rtspPort);
                } finally {
                    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
                }
            }
        }
        result = Json.write(root);
        System.out.print(result);
        if (json != null) {
            Files.writeString(json, result);
        }
        return 0;
    }

    private void measure(Map<String, Object> root, ChildJvm fleet, ChildJvm bridge, EventLoopGroup group, int rtspPort)
            throws Exception {
        long started = System.nanoTime();
        List<RtspViewer> all = new ArrayList<>();
        List<Channel> channels = new ArrayList<>();
        for (int c = 0; c < cameras; c++) {
            for (int v = 0; v < viewers; v++) {
                RtspViewer viewer = new RtspViewer("rtsp://127.0.0.1:" + rtspPort + "/cam" + c);
                all.add(viewer);
                channels.add(new Bootstrap().group(group).channel(NioSocketChannel.class)
                        .option(ChannelOption.TCP_NODELAY, true).handler(viewer)
                        .connect("127.0.0.1", rtspPort).channel());
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (all.stream().filter(v -> v.playing).count() < all.size() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Map<String, Object> ready = new LinkedHashMap<>();
        ready.put("viewers_playing", all.stream().filter(v -> v.playing).count());
        ready.put("all_playing_s", (System.nanoTime() - started) / 1e9);
        root.put("setup", ready);
        fleet.ask("STATS"); // once before the window: the first answer of each JVM is slow (class loading), which
        bridge.ask("STATS"); // would shift the start of one process's window against the other's
        Thread.sleep((long) (warmup * 1000));

        Snapshot a = new Snapshot(fleet.ask("STATS"), bridge.ask("STATS"), all);
        Thread.sleep((long) (seconds * 1000));
        Snapshot b = new Snapshot(fleet.ask("STATS"), bridge.ask("STATS"), all);
        double wall = (b.nanos - a.nanos) / 1e9;
        long sent = b.fleet.get("sent") - a.fleet.get("sent");
        long received = b.bridge.get("received") - a.bridge.get("received");
        long expected = received * viewers;
        long delivered = b.frames - a.frames;

        Map<String, Object> r = new LinkedHashMap<>();
        r.put("measured_s", wall);
        r.put("viewers_playing_at_end", all.stream().filter(v -> v.playing).count());
        r.put("viewers_failed", all.stream().filter(v -> v.failed).count());
        r.put("cameras_connected", b.bridge.get("connected"));
        r.put("bridge_viewers", b.bridge.get("viewers"));
        r.put("fleet_frames_sent", sent);
        r.put("fleet_frames_per_s", sent / wall);
        r.put("fleet_frames_skipped", b.fleet.get("skipped") - a.fleet.get("skipped"));
        r.put("bridge_frames_received", received);
        r.put("bridge_sessions_frames_dropped", b.bridge.get("client_dropped") - a.bridge.get("client_dropped"));
        r.put("frames_expected", expected);
        r.put("frames_delivered", delivered);
        r.put("frames_delivered_per_s", delivered / wall);
        r.put("delivered_over_expected", expected == 0 ? null : (double) delivered / expected);
        r.put("frames_dropped_by_bridge", b.bridge.get("dropped") - a.bridge.get("dropped"));
        r.put("rtp_packets_missing", b.lost - a.lost);
        r.put("rtp_video_packets", b.videoPackets - a.videoPackets);
        r.put("rtp_audio_packets", b.audioPackets - a.audioPackets);
        r.put("viewer_mbit_per_s", (b.bytes - a.bytes) * 8 / wall / 1e6);
        r.put("bridge_cpu_pct_of_core", (b.bridge.get("cpu_ns") - a.bridge.get("cpu_ns")) / 1e9 / wall * 100);
        r.put("bridge_gc_ms", b.bridge.get("gc_ms") - a.bridge.get("gc_ms"));
        r.put("bridge_heap_used_bytes", b.bridge.get("heap_used"));
        r.put("bridge_direct_bytes", b.bridge.get("direct"));
        r.put("bridge_rss_bytes", b.bridge.get("rss"));
        r.put("fleet_cpu_pct_of_core", (b.fleet.get("cpu_ns") - a.fleet.get("cpu_ns")) / 1e9 / wall * 100);
        r.put("viewers_cpu_pct_of_core", (b.cpu - a.cpu) / 1e9 / wall * 100);
        r.put("load_average_1m", ProcessMetrics.loadAverage());
        r.put("bridge_heap_after_gc_bytes", bridge.ask("HEAP").get("heap_after_gc"));
        root.put("result", r);
        for (Channel ch : channels) {
            ch.close();
        }
    }

    /** The counters at one moment. */
    private static final class Snapshot {
        final long nanos = System.nanoTime();
        final Map<String, Long> fleet;
        final Map<String, Long> bridge;
        final long cpu = ProcessMetrics.processCpuNanos();
        long frames;
        long videoPackets;
        long audioPackets;
        long bytes;
        long lost;

        Snapshot(Map<String, Long> fleet, Map<String, Long> bridge, List<RtspViewer> viewers) {
            this.fleet = fleet;
            this.bridge = bridge;
            for (RtspViewer v : viewers) {
                frames += v.videoFrames;
                videoPackets += v.videoPackets;
                audioPackets += v.audioPackets;
                bytes += v.bytes;
                lost += v.lostPackets;
            }
        }
    }
}
