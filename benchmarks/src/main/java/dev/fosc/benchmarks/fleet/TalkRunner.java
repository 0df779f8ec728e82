package dev.fosc.benchmarks.fleet;

import dev.fosc.client.FoscSession;
import dev.fosc.client.FoscTalk;
import dev.fosc.client.FoscTalkOptions;
import dev.fosc.client.FoscTalkStats;
import dev.fosc.client.FoscTransportKind;
import dev.fosc.client.internal.FoscTransport;
import io.netty.channel.EventLoopGroup;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Talk mode: N logged-in fosc sessions each open a talk ({@link FoscTalkOptions#DEFAULT}) and a feeder thread
 * writes their PCM in real time (a 240 ms head start, then 60 ms every 60 ms), for {@code --talk-seconds}; then
 * every talk is closed. The camera side (the fleet server) reports when each TALK_DATA frame arrived against its
 * talker's 60 ms schedule ({@link TalkLateness}); the client side reports its own stats and CPU. fosc only: the
 * raw baseline has no talk.
 */
final class TalkRunner {

    private static final int HEAD_START_FRAMES = 4;

    private final FleetOptions o;
    private final ServerProcess server;
    private final List<InetSocketAddress> targets;

    TalkRunner(FleetOptions options, ServerProcess server, List<InetSocketAddress> targets) {
        this.o = options;
        this.server = server;
        this.targets = targets;
    }

    Measurement run() throws Exception {
        EventLoopGroup group = FoscTransport.newGroup(o.threads,
                o.transport.equals("epoll") ? FoscTransportKind.AUTO : FoscTransportKind.NIO);
        ScheduledExecutorService feeder = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "talk-feeder");
            t.setDaemon(true);
            return t;
        });
        FoscLoad load = new FoscLoad(o, group);
        Measurement m = new Measurement().put("client", "fosc")
                .put("transport", FoscTransport.channelType(group).getSimpleName()).put("talkers", o.cameras);
        try {
            LoadStats stats = load.stats();
            long[] loopIds = stats.loopThreadIds();
            long t0 = System.nanoTime();
            load.open(targets, o.cameras);
            while (stats.readyCount() + stats.failedCount() < o.cameras
                    && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(Math.max(60, o.cameras / 50))) {
                Thread.sleep(10);
            }
            m.put("sessions_ready", stats.readyCount()).put("sessions_failed", stats.failedCount());
            if (server != null) {
                server.clearTalk();
            }
            List<CompletableFuture<FoscTalk>> opening = new ArrayList<>();
            for (FoscSession s : load.sessions()) {
                opening.add(s.openTalk(FoscTalkOptions.DEFAULT));
            }
            List<FoscTalk> talks = new ArrayList<>();
            int refused = 0;
            for (CompletableFuture<FoscTalk> f : opening) {
                try {
                    talks.add(f.get(30, TimeUnit.SECONDS));
                } catch (Exception e) {
                    refused++;
                }
            }
            m.put("talks_opened", talks.size()).put("talks_failed", refused);
            byte[] frame = tone();
            for (FoscTalk t : talks) {
                for (int i = 0; i < HEAD_START_FRAMES; i++) {
                    t.write(frame, 0, frame.length);
                }
            }
            Map<String, Long> server0 = server != null ? server.stats() : null;
            long gc0 = ProcessMetrics.gcMillis();
            long alloc0 = ProcessMetrics.threadAllocatedBytes(loopIds);
            long loopCpu0 = ProcessMetrics.threadCpuNanos(loopIds);
            long cpu0 = ProcessMetrics.processCpuNanos();
            long wall0 = System.nanoTime();
            var task = feeder.scheduleAtFixedRate(() -> {
                for (FoscTalk t : talks) {
                    t.write(frame, 0, frame.length);
                }
            }, 60, 60, TimeUnit.MILLISECONDS);
            Thread.sleep((long) (o.talkSeconds * 1000));
            task.cancel(false);
            long wall1 = System.nanoTime();
            long cpu1 = ProcessMetrics.processCpuNanos();
            long loopCpu1 = ProcessMetrics.threadCpuNanos(loopIds);
            long alloc1 = ProcessMetrics.threadAllocatedBytes(loopIds);
            long gc1 = ProcessMetrics.gcMillis();
            Map<String, Long> server1 = server != null ? server.stats() : null;
            List<FoscTalkStats> finals = new ArrayList<>();
            for (FoscTalk t : talks) {
                try {
                    finals.add(t.close().get(30, TimeUnit.SECONDS));
                } catch (Exception e) {
                    // counted below as talks that did not end cleanly
                }
            }
            double secs = (wall1 - wall0) / 1e9;
            long sent = 0;
            long late = 0;
            long overflow = 0;
            double[] p99 = new double[finals.size()];
            for (int i = 0; i < finals.size(); i++) {
                FoscTalkStats s = finals.get(i);
                sent += s.framesSent();
                late += s.framesDroppedLate();
                overflow += s.framesDroppedOverflow();
                p99[i] = s.latenessP99().toNanos() / 1e6;
            }
            m.put("talks_closed_cleanly", finals.size());
            m.put("window_s", secs);
            m.put("frames_sent", sent);
            m.put("frames_dropped_late", late);
            m.put("frames_dropped_overflow", overflow);
            m.put("client_send_lateness_p99_ms_median_of_talks", Measurement.median(p99));
            m.put("cpu_s", (cpu1 - cpu0) / 1e9);
            m.put("cpu_pct_of_core", 100 * (cpu1 - cpu0) / 1e9 / secs);
            m.put("loop_cpu_s", (loopCpu1 - loopCpu0) / 1e9);
            m.put("alloc_bytes_per_s", (alloc1 - alloc0) / secs);
            m.put("gc_ms", gc1 - gc0);
            if (server0 != null) {
                m.put("server_cpu_pct_of_core", 100 * (server1.get("cpu_ns") - server0.get("cpu_ns")) / 1e9 / secs);
                m.put("server_gc_ms", server1.get("gc_ms") - server0.get("gc_ms"));
            }
            if (server != null) {
                Map<String, Long> talk = server.talk();
                m.put("camera_talkers", talk.get("talkers"));
                m.put("camera_frames_received", talk.get("received"));
                m.put("camera_frames_discarded", talk.get("discarded"));
                m.put("lateness_p50_ms", talk.get("p50_us") / 1e3);
                m.put("lateness_p99_ms", talk.get("p99_us") / 1e3);
                m.put("lateness_max_ms", talk.get("max_us") / 1e3);
                m.put("earliness_max_ms", -talk.get("min_us") / 1e3);
            }
            m.put("load_average_1m_end", ProcessMetrics.loadAverage());
            m.put("talk_lateness_note", "camera side: arrival_k - (arrival_0 + k * 60 ms) when the fake camera's "
                    + "event loop read frame k (its JVM's nanoTime); early frames count as 0 in the percentiles");
        } finally {
            feeder.shutdownNow();
            load.close();
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(30, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.awaitNoConnections(60);
        }
        return m;
    }

    /** 60 ms of a 440 Hz tone, PCM s16le 8 kHz mono. */
    static byte[] tone() {
        byte[] b = new byte[FoscTalkOptions.FRAME_BYTES];
        for (int i = 0; i < b.length / 2; i++) {
            short s = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / 8000.0));
            b[2 * i] = (byte) s;
            b[2 * i + 1] = (byte) (s >> 8);
        }
        return b;
    }
}
