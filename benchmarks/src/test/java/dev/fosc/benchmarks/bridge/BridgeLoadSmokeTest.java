package dev.fosc.benchmarks.bridge;

import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bridge load harness end to end with 3 cameras × 2 viewers for 2 s: every viewer plays, frames arrive, nothing
 * is missing by sequence number, and the report has its figures. Behaviour only: no figure is compared with a speed.
 */
class BridgeLoadSmokeTest {

    @Test
    void threeCamerasTwoViewersEach() {
        String json = BridgeLoad.run("--cameras", "3", "--viewers", "2", "--seconds", "2", "--warmup", "0.5",
                "--bridge-threads", "1", "--fleet-threads", "1", "--viewer-threads", "1", "--bridge-heap", "128m");
        assertEquals(6, number(json, "viewers_playing"), json);
        assertEquals(6, number(json, "viewers_playing_at_end"), json);
        assertEquals(3, number(json, "cameras_connected"), json);
        assertEquals(6, number(json, "bridge_viewers"), json);
        assertTrue(number(json, "frames_delivered") > 0, json);
        assertTrue(number(json, "fleet_frames_sent") > 0, json);
        assertTrue(number(json, "rtp_audio_packets") > 0, json);
        assertEquals(0, number(json, "rtp_packets_missing"), json);
        for (String field : new String[] {"bridge_cpu_pct_of_core", "bridge_heap_after_gc_bytes", "bridge_direct_bytes",
                "bridge_rss_bytes", "frames_dropped_by_bridge", "delivered_over_expected", "load_average_1m"}) {
            assertTrue(json.contains("\"" + field + "\": "), field + " missing: " + json);
        }
    }

    private static double number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\": (-?[0-9.eE+-]+)").matcher(json);
        assertTrue(m.find(), field + " missing: " + json);
        return Double.parseDouble(m.group(1));
    }
}
