package dev.fosc.bridge;

import dev.fosc.client.FoscClient;
import dev.fosc.client.FoscSessionOptions;
import dev.fosc.codec.FoscCredentials;
import dev.fosc.testkit.FakeCamera;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real Mosquitto broker receives the bridge's availability, motion, events and discovery, also after a restart. */
class BridgeMqttIT {

    @TempDir
    Path dir;

    @Test
    void motionAvailabilityAndDiscoveryArriveAndSurviveABrokerRestart() throws Exception {
        try (Mosquitto broker = new Mosquitto(dir).start();
             FakeCamera camera = FakeCamera.builder().password("pw").start();
             FoscClient client = FoscClient.builder().threads(2).build()) {
            BridgeServer bridge = BridgeServer.builder(client).port(0)
                    .mqtt(MqttSettings.builder("tcp://127.0.0.1:" + broker.port())
                            .motionOffAfter(Duration.ofMillis(500)).build())
                    .camera("door", FoscSessionOptions.builder(camera.host(), FoscCredentials.of("admin", "pw"))
                            .port(camera.port()).build())
                    .build().start();
            try (bridge) {
                camera.awaitLoginCount(1, Duration.ofSeconds(15));
                Path log = dir.resolve("sub.log");
                Process sub = Tools.start(log, "mosquitto_sub", "-h", "127.0.0.1", "-p",
                        String.valueOf(broker.port()), "-v", "-t", "fosc/#", "-t", "homeassistant/#");
                try {
                    awaitLine(log, "fosc/door/status online");
                    for (int i = 0; i < 100 && !Files.readString(log).contains("fosc/door/motion ON"); i++) {
                        camera.triggerMotion(); // until the subscriber, which has no "ready" signal, sees it
                        Thread.sleep(100);
                    }
                    awaitLine(log, "fosc/door/motion ON");
                    awaitLine(log, "fosc/door/event {\"type\":\"motion\"");
                    awaitLine(log, "fosc/bridge/status online");
                    String text = awaitLine(log, "homeassistant/binary_sensor/fosc_door_motion/config {");
                    assertTrue(text.contains("\"state_topic\":\"fosc/door/motion\"")
                            && text.contains("\"device_class\":\"motion\""), text);
                    int on = Files.readString(log).indexOf("fosc/door/motion ON");
                    awaitLine(log, "fosc/door/motion OFF", on);
                } finally {
                    sub.destroy();
                    sub.waitFor();
                }

                broker.stop();
                broker.start(); // no persistence: the retained values come back only if the bridge republishes them
                Path after = dir.resolve("after.log");
                String status = "";
                for (int i = 0; i < 60 && !status.contains("fosc/door/status online"); i++) {
                    Process once = Tools.start(after, "mosquitto_sub", "-h", "127.0.0.1", "-p",
                            String.valueOf(broker.port()), "-v", "-t", "fosc/door/status", "-C", "1", "-W", "1");
                    once.waitFor();
                    status = Files.readString(after);
                }
                assertTrue(status.contains("fosc/door/status online"), "after the restart: " + status);
            }
        }
    }

    private static String awaitLine(Path log, String text) throws Exception {
        return awaitLine(log, text, -1);
    }

    /** Waits (up to 30 s) until {@code log} has {@code text} after index {@code after}; returns that line. */
    private static String awaitLine(Path log, String text, int after) throws Exception {
        for (int i = 0; i < 300; i++) {
            String all = Files.readString(log);
            int at = all.indexOf(text, after + 1);
            if (at >= 0) {
                int end = all.indexOf('\n', at);
                return all.substring(at, end < 0 ? all.length() : end);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + text + "' in:\n" + Files.readString(log));
    }
}
