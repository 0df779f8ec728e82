package dev.fosc.bridge;

import dev.fosc.client.FoscClient;
import dev.fosc.client.FoscReconnectPolicy;
import dev.fosc.client.FoscSessionOptions;
import dev.fosc.codec.FoscCredentials;
import dev.fosc.micrometer.FoscMeterOptions;
import dev.fosc.testkit.FakeCamera;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /metrics}: the Prometheus text format with the client's meters ({@code fosc_frames_received_total} of
 * the camera, counting) and the bridge's per camera name (viewers, dropped frames, session up).
 */
class BridgeMetricsIT {

    @Test
    void metricsHasTheClientsAndTheBridgesMeters() throws Exception {
        FakeCamera camera = FakeCamera.builder().password("pw").start();
        try (FoscClient client = FoscClient.builder().threads(1).build()) {
            BridgeServer bridge = BridgeServer.builder(client).port(0).httpPort(0)
                    .camera("door", FoscSessionOptions.builder(camera.host(), FoscCredentials.of("admin", "pw"))
                            .port(camera.port()).reconnectPolicy(FoscReconnectPolicy.builder()
                                    .initialDelay(Duration.ofMillis(50)).build()).build())
                    .build().start();
            try (bridge) {
                HttpClient http = HttpClient.newHttpClient();
                URI metrics = URI.create("http://127.0.0.1:" + bridge.httpPort() + "/metrics");
                String cameraTag = "camera=\"" + camera.host() + ":" + camera.port() + "\"";
                Pattern frames = Pattern.compile("(?m)^fosc_frames_received_total\\{[^}]*" + Pattern.quote(cameraTag)
                        + "[^}]*stream=\"main\"[^}]*} ([0-9.eE+]+)$");

                HttpResponse<String> r = null;
                double received = 0;
                for (int i = 0; i < 300 && received <= 0; i++) {
                    r = http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString());
                    assertEquals(200, r.statusCode(), r.body());
                    Matcher m = frames.matcher(r.body());
                    received = m.find() ? Double.parseDouble(m.group(1)) : 0;
                    if (received <= 0 || !r.body().contains("fosc_bridge_session_up{camera=\"door\"} 1")) {
                        received = 0;
                        Thread.sleep(100);
                    }
                }
                String body = r.body();
                assertTrue(received > 0, "no main-stream frames counted in:\n" + body);
                assertEquals("text/plain; version=0.0.4; charset=utf-8",
                        r.headers().firstValue("content-type").orElse(""));
                assertTrue(body.contains("# TYPE fosc_frames_received_total counter"), body);
                assertTrue(body.contains("fosc_bridge_session_up{camera=\"door\"} 1"), body);
                assertTrue(body.contains("fosc_bridge_viewers{camera=\"door\"} 0"), body);
                assertTrue(body.contains("# TYPE fosc_bridge_frames_dropped_total counter"), body);
                assertTrue(body.contains("fosc_bridge_frames_dropped_total{camera=\"door\"} 0"), body);

                camera.close();
                for (int i = 0; i < 300 && body.contains("fosc_bridge_session_up{camera=\"door\"} 1"); i++) {
                    Thread.sleep(100);
                    body = http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString())
                            .body();
                }
                assertTrue(body.contains("fosc_bridge_session_up{camera=\"door\"} 0"), body);
            }
        } finally {
            camera.close();
        }
    }

    @Test
    void theApplicationsOwnRegistryWithoutPerCameraTags() throws Exception {
        FakeCamera door = FakeCamera.builder().password("pw").start();
        FakeCamera yard = FakeCamera.builder().password("pw").start();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (FoscClient client = FoscClient.builder().threads(1).build()) {
            BridgeServer bridge = BridgeServer.builder(client).port(0).httpPort(0).meterRegistry(registry)
                    .meterOptions(FoscMeterOptions.builder().perCamera(false).build())
                    .camera("door", options(door)).camera("yard", options(yard))
                    .build().start();
            try (bridge) {
                Gauge up = registry.get("fosc.bridge.session.up").gauge();
                for (int i = 0; i < 300 && up.value() < 2; i++) {
                    Thread.sleep(100);
                }
                assertEquals(2, up.value(), "cameras connected");
                assertEquals(0, registry.get("fosc.bridge.viewers").gauge().value());
                assertEquals(1, registry.find("fosc.bridge.session.up").gauges().size());
                assertTrue(registry.getMeters().stream().noneMatch(m -> m.getId().getTag("camera") != null),
                        "no camera tag");
                assertTrue(registry.find("fosc.frames.received").meters().size() > 0, "the client's meters");

                HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + bridge.httpPort() + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(404, r.statusCode(), r.body()); // not a Prometheus registry: the application exports
            }
            assertNull(registry.find("fosc.bridge.session.up").gauge(), "the bridge removed its meters");
            assertTrue(registry.find("fosc.frames.received").meters().isEmpty(), "and the client's");
        } finally {
            door.close();
            yard.close();
            registry.close();
        }
    }

    private static FoscSessionOptions options(FakeCamera camera) {
        return FoscSessionOptions.builder(camera.host(), FoscCredentials.of("admin", "pw")).port(camera.port())
                .reconnectPolicy(FoscReconnectPolicy.builder().initialDelay(Duration.ofMillis(50)).build()).build();
    }
}
