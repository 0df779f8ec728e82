package dev.fosc.benchmarks.fleet;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The harness runs end to end for about two seconds per client with five cameras (a child JVM serving them) and
 * reports what it promises. Behaviour only: no figure is compared with a speed.
 */
class FleetBenchmarkSmokeTest {

    private static final List<String> VIDEO_FIELDS = List.of("frames_per_s", "bytes_per_s", "cpu_s", "cpu_pct_of_core",
            "cpu_us_per_frame", "alloc_bytes_per_frame", "heap_per_session_bytes", "direct_per_session_bytes",
            "delay_p50_ms", "delay_p99_ms", "all_ready_s", "server_frames_sent_per_s", "fosc_over_raw");

    @Test
    void pacedVideo() throws Exception {
        String json = FleetBenchmark.run("--cameras", "5", "--seconds", "2", "--warmup", "0.5", "--runs", "1",
                "--paced", "--fps", "25", "--frame-bytes", "2000");
        checkVideo(json, 2);
    }

    @Test
    void unpacedVideo() throws Exception {
        String json = FleetBenchmark.run("--cameras", "5", "--seconds", "2", "--warmup", "0.5", "--runs", "1",
                "--unpaced", "--frame-bytes", "20000", "--clients", "fosc,raw,nio");
        checkVideo(json, 3);
        assertTrue(json.contains("\"paced\": false"), json);
        assertTrue(json.contains("\"fosc_over_nio\""), json);
    }

    @Test
    void idleSessions() throws Exception {
        String json = FleetBenchmark.run("--mode", "idle", "--cameras", "5", "--ports", "2", "--seconds", "1",
                "--warmup", "0", "--runs", "1");
        assertEquals(4, count(json, "\"sessions_ready\": 5"), json); // both clients, in the median and the run
        assertTrue(json.contains("\"heap_per_session_bytes\""), json);
    }

    @Test
    void talkers() throws Exception {
        String json = FleetBenchmark.run("--mode", "talk", "--cameras", "3", "--talk-seconds", "1.5", "--runs", "1");
        for (String field : List.of("talks_opened", "frames_sent", "lateness_p50_ms", "lateness_p99_ms",
                "camera_frames_received", "cpu_s")) {
            assertTrue(json.contains("\"" + field + "\""), field + " missing: " + json);
        }
        assertEquals(2, count(json, "\"talks_opened\": 3"), json);
        assertEquals(2, count(json, "\"camera_talkers\": 3"), json);
    }

    private static void checkVideo(String json, int clientsPerRun) {
        for (String field : VIDEO_FIELDS) {
            assertTrue(json.contains("\"" + field + "\""), field + " missing: " + json);
        }
        // both clients, each with frames, in the median and in the one run
        Matcher m = Pattern.compile("\"frames\": (\\d+)").matcher(json);
        int clients = 0;
        while (m.find()) {
            assertTrue(Long.parseLong(m.group(1)) > 0, json);
            clients++;
        }
        assertEquals(2 * clientsPerRun, clients, json);
        assertEquals(2 * clientsPerRun, count(json, "\"sessions_ready\": 5"), json);
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
