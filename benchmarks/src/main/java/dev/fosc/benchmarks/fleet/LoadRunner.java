package dev.fosc.benchmarks.fleet;

import io.netty.channel.EventLoopGroup;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One client's turn in one run: heap and direct memory before, open every session, wait until all are ready
 * (time until every session streams), heap and direct memory with the sessions (after a full GC), warm up, then
 * the measured window — frames and bytes (counted on the loops), process CPU, the event-loop threads' CPU and
 * allocation, delivery delay, and the server's own counters — then close and wait until the server saw every
 * connection close.
 */
final class LoadRunner {

    private final FleetOptions o;
    private final ServerProcess server;
    private final List<InetSocketAddress> targets;

    LoadRunner(FleetOptions options, ServerProcess server, List<InetSocketAddress> targets) {
        this.o = options;
        this.server = server;
        this.targets = targets;
    }

    Measurement run(String client) throws InterruptedException {
        EventLoopGroup group = client.equals("nio") ? null : BenchTransport.newGroup(o.transport, o.threads);
        try {
            return run(client, group);
        } finally {
            if (group != null) {
                group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(30, TimeUnit.SECONDS);
            }
        }
    }

    private Measurement run(String client, EventLoopGroup group) throws InterruptedException {
        int n = o.cameras;
        long heap0 = ProcessMetrics.heapUsedAfterGc();
        long direct0 = ProcessMetrics.directBytes();
        ClientLoad load = switch (client) {
            case "fosc" -> new FoscLoad(o, group);
            case "raw" -> new RawLoad(o, group);
            default -> new NioRawLoad(o);
        };
        LoadStats stats = load.stats();
        long[] loopIds = stats.loopThreadIds();
        Measurement m = new Measurement().put("client", client).put("transport", group == null
                ? "java.nio Selector, no Netty" : BenchTransport.channelType(group).getSimpleName()).put("sessions", n);
        try {
            long t0 = System.nanoTime();
            load.open(targets, n);
            awaitReady(stats, n, t0);
            m.put("sessions_ready", stats.readyCount()).put("sessions_failed", stats.failedCount());
            m.put("all_ready_s", stats.readyCount() == n ? (stats.lastReadyNanos() - t0) / 1e9 : Double.NaN);
            if (stats.firstFailure() != null) {
                m.put("first_failure", String.valueOf(stats.firstFailure()));
            }
            long heap1 = ProcessMetrics.heapUsedAfterGc();
            long direct1 = ProcessMetrics.directBytes();
            m.put("heap_per_session_bytes", (heap1 - heap0) / (double) n);
            m.put("direct_per_session_bytes", (direct1 - direct0) / (double) n);
            Thread.sleep((long) (o.warmup * 1000));
            window(m, stats, loopIds, n);
            if (!client.equals("nio") && o.mode == FleetOptions.Mode.video && stats.readyCount() == n) {
                lateSession(m, load, stats, n);
            }
        } finally {
            load.close();
        }
        if (server != null && !server.awaitNoConnections(60)) {
            System.err.println("fleet: the server still has open connections 60 s after " + client + " closed");
        }
        return m;
    }

    /**
     * Fairness under load: with every session streaming, one more session is opened (to the first camera) and
     * timed until its first video frame (connect, preamble, login, video on, first frame), at most 30 s.
     */
    private void lateSession(Measurement m, ClientLoad load, LoadStats stats, int n) throws InterruptedException {
        int failed0 = stats.failedCount();
        long t0 = System.nanoTime();
        load.open(targets.subList(0, 1), 1);
        long deadline = t0 + TimeUnit.SECONDS.toNanos(30);
        while (stats.readyCount() < n + 1 && stats.failedCount() == failed0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        boolean ready = stats.readyCount() == n + 1;
        m.put("late_session_ready_ms", ready ? (System.nanoTime() - t0) / 1e6 : Double.NaN);
        m.put("late_session_failed", stats.failedCount() > failed0);
    }

    private void awaitReady(LoadStats stats, int n, long t0) throws InterruptedException {
        long limit = t0 + TimeUnit.SECONDS.toNanos(Math.max(60, n / 50));
        long nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (stats.readyCount() + stats.failedCount() < n && System.nanoTime() < limit) {
            Thread.sleep(10);
            if (System.nanoTime() > nextReport) {
                System.err.printf("fleet: %d of %d sessions ready, %d failed%n", stats.readyCount(), n,
                        stats.failedCount());
                nextReport += TimeUnit.SECONDS.toNanos(5);
            }
        }
    }

    private void window(Measurement m, LoadStats stats, long[] loopIds, int n) throws InterruptedException {
        double load0 = ProcessMetrics.loadAverage();
        Map<String, Long> server0 = server != null ? server.stats() : null;
        long externalCpu0 = server == null && o.serverPid > 0 ? ProcessMetrics.processCpuNanos(o.serverPid) : -1;
        LoopStats.Snapshot s0 = stats.snapshot();
        long gc0 = ProcessMetrics.gcMillis();
        long alloc0 = ProcessMetrics.threadAllocatedBytes(loopIds);
        long loopCpu0 = ProcessMetrics.threadCpuNanos(loopIds);
        long cpu0 = ProcessMetrics.processCpuNanos();
        long wall0 = System.nanoTime();
        Thread.sleep((long) (o.seconds * 1000));
        long wall1 = System.nanoTime();
        long cpu1 = ProcessMetrics.processCpuNanos();
        long loopCpu1 = ProcessMetrics.threadCpuNanos(loopIds);
        long alloc1 = ProcessMetrics.threadAllocatedBytes(loopIds);
        long gc1 = ProcessMetrics.gcMillis();
        LoopStats.Snapshot d = stats.snapshot().minus(s0);
        Map<String, Long> server1 = server != null ? server.stats() : null;
        long externalCpu1 = externalCpu0 >= 0 ? ProcessMetrics.processCpuNanos(o.serverPid) : -1;

        double secs = (wall1 - wall0) / 1e9;
        double cpu = (cpu1 - cpu0) / 1e9;
        double frames = d.frames();
        m.put("window_s", secs);
        m.put("frames", d.frames());
        m.put("frames_per_s", frames / secs);
        if (o.mode == FleetOptions.Mode.video && o.isPaced() && server != null) {
            m.put("expected_frames_per_s", (double) n * o.fps);
        }
        m.put("bytes_per_s", d.bytes() / secs);
        m.put("mbit_per_s", d.bytes() * 8 / secs / 1e6);
        m.put("cpu_s", cpu);
        m.put("cpu_pct_of_core", 100 * cpu / secs);
        m.put("loop_cpu_s", (loopCpu1 - loopCpu0) / 1e9);
        m.put("cpu_us_per_frame", frames > 0 ? cpu * 1e6 / frames : Double.NaN);
        m.put("alloc_bytes_per_frame", frames > 0 ? (alloc1 - alloc0) / frames : Double.NaN);
        m.put("alloc_bytes_per_s", (alloc1 - alloc0) / secs);
        m.put("gc_ms", gc1 - gc0);
        m.put("direct_bytes", ProcessMetrics.directBytes());
        m.put("allocator_direct_bytes", ProcessMetrics.allocatorDirectBytes());
        m.put("rss_bytes", ProcessMetrics.residentBytes());
        long count = d.delays().count();
        m.put("delay_p50_ms", count > 0 ? d.delays().quantile(0.5) / 1e3 : Double.NaN);
        m.put("delay_p99_ms", count > 0 ? d.delays().quantile(0.99) / 1e3 : Double.NaN);
        m.put("delay_max_ms", count > 0 ? d.delays().quantile(1.0) / 1e3 : Double.NaN);
        if (server0 != null) {
            m.put("server_frames_sent_per_s", (server1.get("sent") - server0.get("sent")) / secs);
            m.put("server_frames_skipped", server1.get("skipped") - server0.get("skipped"));
            m.put("server_cpu_pct_of_core", 100 * (server1.get("cpu_ns") - server0.get("cpu_ns")) / 1e9 / secs);
            m.put("server_gc_ms", server1.get("gc_ms") - server0.get("gc_ms"));
        }
        if (externalCpu0 >= 0 && externalCpu1 >= 0) { // --connect --server-pid: the external server's CPU
            m.put("server_cpu_pct_of_core", 100 * (externalCpu1 - externalCpu0) / 1e9 / secs);
        }
        m.put("load_average_1m_start", load0);
        m.put("load_average_1m_end", ProcessMetrics.loadAverage());
    }
}
