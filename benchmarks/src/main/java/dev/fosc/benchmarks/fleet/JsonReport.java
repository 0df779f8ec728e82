package dev.fosc.benchmarks.fleet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's JSON: the machine and the load, each run's measurements per client with the fosc ÷ raw ratios
 * of that run, the median of each figure over the runs, and the median of the per-run ratios (the headline).
 */
final class JsonReport {

    /** The figures compared as fosc ÷ raw. */
    static final List<String> RATIOS = List.of("frames_per_s", "cpu_us_per_frame", "cpu_s", "loop_cpu_s",
            "alloc_bytes_per_frame", "heap_per_session_bytes", "direct_per_session_bytes", "delay_p99_ms",
            "all_ready_s", "late_session_ready_ms");

    /** The baselines fosc is compared with: the Netty raw client and the plain-NIO one. */
    static final List<String> BASELINES = List.of("raw", "nio");

    private final FleetOptions o;
    private final List<Map<String, Measurement>> runs = new ArrayList<>();
    private final Map<String, Object> extra = new LinkedHashMap<>();

    JsonReport(FleetOptions options) {
        this.o = options;
    }

    void addRun(Map<String, Measurement> byClient) {
        runs.add(byClient);
    }

    void extra(String key, Object value) {
        extra.put(key, value);
    }

    String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("benchmark", "fleet");
        root.put("date", Instant.now().toString());
        root.put("machine", machine());
        root.put("load", load());
        List<Object> runList = new ArrayList<>();
        Map<String, List<Map<String, Double>>> ratios = new LinkedHashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("run", i + 1);
            r.put("order", String.join(",", runs.get(i).keySet()));
            runs.get(i).forEach((client, m) -> r.put(client, m.asMap()));
            for (String baseline : BASELINES) {
                Map<String, Double> ratio = ratio(runs.get(i), baseline);
                if (ratio != null) {
                    r.put("fosc_over_" + baseline, ratio);
                    ratios.computeIfAbsent(baseline, b -> new ArrayList<>()).add(ratio);
                }
            }
            runList.add(r);
        }
        Map<String, Object> median = new LinkedHashMap<>();
        for (String client : o.clients) {
            List<Measurement> ms = new ArrayList<>();
            for (Map<String, Measurement> run : runs) {
                ms.add(run.get(client));
            }
            median.put(client, Measurement.median(ms).asMap());
        }
        root.put("median", median);
        ratios.forEach((baseline, list) -> {
            Map<String, Object> r = new LinkedHashMap<>();
            for (String key : RATIOS) {
                r.put(key, Measurement.median(list.stream().mapToDouble(x -> x.get(key)).filter(x -> !Double.isNaN(x))
                        .toArray()));
            }
            root.put("fosc_over_" + baseline, r);
        });
        root.putAll(extra);
        root.put("runs", runList);
        return Json.write(root);
    }

    private static Map<String, Double> ratio(Map<String, Measurement> run, String baseline) {
        Measurement fosc = run.get("fosc");
        Measurement raw = run.get(baseline);
        if (fosc == null || raw == null) {
            return null;
        }
        Map<String, Double> r = new LinkedHashMap<>();
        for (String key : RATIOS) {
            double a = fosc.get(key);
            double b = raw.get(key);
            r.put(key, b != 0 ? a / b : Double.NaN);
        }
        return r;
    }

    private Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
        return m;
    }

    private Map<String, Object> load() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", o.mode.name());
        m.put("cameras", o.cameras);
        m.put("ports", o.connect != null ? 1 : o.portCount());
        m.put("server", o.connect != null ? o.connect : "fake fleet in a child JVM (FleetServer)");
        if (o.mode == FleetOptions.Mode.video && o.connect == null) { // with --connect the server decides
            m.put("paced", o.isPaced());
            m.put("fps", o.fps);
            m.put("frame_data_bytes", o.frameDataBytes());
            m.put("bit_rate_per_camera", o.isPaced() ? o.videoBitRate() : null);
        }
        if (o.mode == FleetOptions.Mode.talk) {
            m.put("talk_seconds", o.talkSeconds);
            m.put("talk", "FoscTalkOptions.DEFAULT; PCM written in real time by one feeder thread (240 ms ahead, then"
                    + " 960 B every 60 ms); lateness measured at the fake speakers");
        } else {
            m.put("seconds", o.seconds);
        }
        m.put("warmup_s", o.warmup);
        m.put("threads", o.threads);
        m.put("server_threads", o.connect != null ? null : o.serverThreads);
        m.put("transport", o.transport);
        m.put("runs", o.runs);
        m.put("delay_clock", o.epochClock() ? "epoch microseconds (EpochMicros), media-header timestamp at write vs "
                + "arrival of the frame's last byte" : "none (server timestamps are not epoch microseconds)");
        return m;
    }
}
