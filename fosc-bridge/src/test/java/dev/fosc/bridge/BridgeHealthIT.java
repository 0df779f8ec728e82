package dev.fosc.bridge;

import dev.fosc.client.FoscClient;
import dev.fosc.client.FoscReconnectPolicy;
import dev.fosc.client.FoscSessionOptions;
import dev.fosc.codec.FoscCredentials;
import dev.fosc.testkit.FakeCamera;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /healthz}: 200 with the cameras while they are connected, 503 once one is not. */
class BridgeHealthIT {

    @Test
    void healthzFollowsTheCamerasSessions() throws Exception {
        FakeCamera camera = FakeCamera.builder().password("pw").start();
        try (FoscClient client = FoscClient.builder().threads(1).build()) {
            BridgeServer bridge = BridgeServer.builder(client).port(0).httpPort(0)
                    .camera("door", FoscSessionOptions.builder(camera.host(), FoscCredentials.of("admin", "pw"))
                            .port(camera.port()).reconnectPolicy(FoscReconnectPolicy.builder()
                                    .initialDelay(Duration.ofMillis(50)).build()).build())
                    .build().start();
            try (bridge) {
                HttpClient http = HttpClient.newHttpClient();
                URI healthz = URI.create("http://127.0.0.1:" + bridge.httpPort() + "/healthz");
                HttpResponse<String> r = get(http, healthz, 200);
                assertEquals("{\"status\":\"ok\",\"cameras\":[{\"name\":\"door\",\"state\":\"CONNECTED\","
                        + "\"viewers\":0,\"droppedFrames\":0}]}", r.body().strip());

                camera.close();
                r = get(http, healthz, 503);
                assertTrue(r.body().contains("\"status\":\"degraded\"") && !r.body().contains("CONNECTED\""),
                        r.body());
                HttpResponse<String> other = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + bridge.httpPort() + "/nothing")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(404, other.statusCode());
            }
        } finally {
            camera.close();
        }
    }

    /** Asks until the answer has {@code status} (the sessions change state in the background); at most 30 s. */
    private static HttpResponse<String> get(HttpClient http, URI uri, int status) throws Exception {
        HttpResponse<String> r = null;
        for (int i = 0; i < 300; i++) {
            r = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == status) {
                return r;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + status + " from " + uri + "; last: " + r.statusCode() + " " + r.body());
    }
}
