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
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The MQTT options against a real Mosquitto broker: TLS with a CA file and QoS 1 (PUBACKs tracked), the QoS 1
 * in-flight limit while the broker stalls, and Home Assistant's birth message making the bridge publish its
 * discovery configs and states again.
 */
class BridgeMqttOptionsIT {

    private static final String CONFIG = "homeassistant/binary_sensor/fosc_door_motion/config";

    @TempDir
    Path dir;

    @Test
    void tlsWithACaFileAndQos1() throws Exception {
        SelfSigned cert = SelfSigned.create(dir);
        try (Mosquitto broker = new Mosquitto(dir).tls(cert).start();
             FakeCamera camera = FakeCamera.builder().password("pw").start();
             FoscClient client = FoscClient.builder().threads(2).build();
             BridgeServer bridge = bridge(client, camera, MqttSettings.builder("mqtts://127.0.0.1:" + broker.port())
                     .caFile(cert.certificate()).qos(1).build())) {
            String status = retained(broker, "fosc/door/status", "online", "--cafile", cert.certificate().toString());
            assertTrue(status.contains("fosc/door/status online"), status);
            String config = retained(broker, CONFIG, "\"device_class\":\"motion\"", "--cafile",
                    cert.certificate().toString());
            assertTrue(config.contains("\"state_topic\":\"fosc/door/motion\""), config);
            MqttLink link = bridge.mqttLink();
            await(() -> link.inFlightCount() == 0, "every PUBLISH acknowledged");
            String log = broker.log();
            assertTrue(Pattern.compile("Received PUBLISH from fosc-bridge-\\w+ \\(d0, q1, r1, m\\d+, 'fosc/door/status'")
                    .matcher(log).find(), log);
            assertTrue(log.contains("Sending PUBACK to fosc-bridge-"), log);

            // Without the CA file the JDK's trust store does not trust the self-signed certificate: no connection.
            try (BridgeServer untrusted = bridge(client, camera, MqttSettings.builder("ssl://127.0.0.1:"
                    + broker.port()).prefix("untrusted").build())) {
                assertEquals("", once(broker, "untrusted/#", 2, "--cafile", cert.certificate().toString()));
            }
        }
    }

    @Test
    void qos1KeepsAtMostTheInFlightLimitWhileTheBrokerStallsThenCatchesUp() throws Exception {
        try (Mosquitto broker = new Mosquitto(dir).start();
             FakeCamera camera = FakeCamera.builder().password("pw").start();
             FoscClient client = FoscClient.builder().threads(2).build();
             BridgeServer bridge = bridge(client, camera, MqttSettings.builder("tcp://127.0.0.1:" + broker.port())
                     .qos(1).maxInFlight(4).motionOffAfter(Duration.ofMinutes(5)).build())) {
            MqttLink link = bridge.mqttLink();
            retained(broker, "fosc/door/status", "online");
            await(() -> link.inFlightCount() == 0, "the first publications acknowledged");

            broker.freeze(true);
            try {
                long dropped = link.droppedEvents();
                for (int i = 0; i < 100 && link.droppedEvents() == dropped; i++) {
                    camera.triggerMotion(); // motion ON (retained) and one event each: more than 4 in flight
                    Thread.sleep(50);
                    assertTrue(link.inFlightCount() <= 4, "in flight: " + link.inFlightCount());
                }
                assertTrue(link.droppedEvents() > dropped, "no event was dropped at the in-flight limit");
                assertEquals(4, link.inFlightCount());
            } finally {
                broker.freeze(false);
            }
            await(() -> link.inFlightCount() == 0, "the broker acknowledges what waited");
            String motion = retained(broker, "fosc/door/motion", "ON");
            assertTrue(motion.contains("fosc/door/motion ON"), motion);
        }
    }

    @Test
    void qos1SendsWhatWasUnacknowledgedAndTheRetainedStatesAgainAfterABrokerRestart() throws Exception {
        try (Mosquitto broker = new Mosquitto(dir).start();
             FakeCamera camera = FakeCamera.builder().password("pw").start();
             FoscClient client = FoscClient.builder().threads(2).build();
             BridgeServer bridge = bridge(client, camera, MqttSettings.builder("tcp://127.0.0.1:" + broker.port())
                     .qos(1).motionOffAfter(Duration.ofMinutes(5)).build())) {
            MqttLink link = bridge.mqttLink();
            retained(broker, "fosc/door/status", "online");
            await(() -> link.inFlightCount() == 0, "the first publications acknowledged");

            broker.freeze(true);
            for (int i = 0; i < 100 && link.inFlightCount() < 3; i++) {
                camera.triggerMotion(); // motion ON (retained) and events, never acknowledged by this broker
                Thread.sleep(50);
            }
            assertTrue(link.inFlightCount() >= 3, "in flight: " + link.inFlightCount());
            broker.kill(); // still frozen, so it never answers them; no retained message survives it (no persistence)
            broker.start();
            await(() -> link.inFlightCount() == 0, "everything acknowledged by the new broker");
            assertTrue(retained(broker, "fosc/door/motion", "ON").contains("ON"));
            assertTrue(retained(broker, "fosc/door/status", "online").contains("online"));
            assertTrue(retained(broker, CONFIG, "\"device_class\":\"motion\"").contains("fosc_door_motion"));
            String log = broker.log();
            String second = log.substring(log.lastIndexOf("starting"));
            assertTrue(Pattern.compile("Received PUBLISH from fosc-bridge-\\w+ \\(d0, q1, r0, m\\d+, 'fosc/door/event'")
                    .matcher(second).find(), "the unacknowledged events sent again:\n" + second);
        }
    }

    @Test
    void homeAssistantsBirthMessageRepublishesDiscoveryAndStates() throws Exception {
        try (Mosquitto broker = new Mosquitto(dir).start();
             FakeCamera camera = FakeCamera.builder().password("pw").start();
             FoscClient client = FoscClient.builder().threads(2).build();
             BridgeServer bridge = bridge(client, camera, MqttSettings.builder("tcp://127.0.0.1:" + broker.port())
                     .build())) {
            retained(broker, "fosc/door/status", "online");
            retained(broker, CONFIG, "\"device_class\":\"motion\"");
            String port = String.valueOf(broker.port());
            // As if the broker had lost its retained messages: clear the config and the states.
            for (String topic : List.of(CONFIG, "fosc/door/status", "fosc/door/motion")) {
                Tools.run("mosquitto_pub", "-h", "127.0.0.1", "-p", port, "-r", "-n", "-t", topic);
            }
            assertEquals("", once(broker, CONFIG, 1));

            Tools.run("mosquitto_pub", "-h", "127.0.0.1", "-p", port, "-t", "homeassistant/status", "-m", "online");
            String config = retained(broker, CONFIG, "\"device_class\":\"motion\"");
            assertTrue(config.contains("\"unique_id\":\"fosc_door_motion\""), config);
            assertTrue(retained(broker, "fosc/door/status", "online").contains("online"));
            assertTrue(retained(broker, "fosc/door/motion", "OFF").contains("OFF"));
            assertEquals(1, bridge.mqttLink().republished());
        }
    }

    private static BridgeServer bridge(FoscClient client, FakeCamera camera, MqttSettings mqtt) {
        return BridgeServer.builder(client).port(0).mqtt(mqtt)
                .camera("door", FoscSessionOptions.builder(camera.host(), FoscCredentials.of("admin", "pw"))
                        .port(camera.port()).build())
                .build().start();
    }

    /** Reads {@code topic}'s retained value until it contains {@code text} (up to 30 s); returns the last read. */
    private String retained(Mosquitto broker, String topic, String text, String... options) throws Exception {
        String got = "";
        for (int i = 0; i < 30 && !got.contains(text); i++) {
            got = once(broker, topic, 1, options);
        }
        assertTrue(got.contains(text), "no '" + text + "' retained on " + topic + ": " + got);
        return got;
    }

    /** One {@code mosquitto_sub -C 1 -W seconds} on {@code topic}: its output, empty when nothing came. */
    private String once(Mosquitto broker, String topic, int seconds, String... options) throws Exception {
        Path out = Files.createTempFile(dir, "sub", ".log");
        List<String> cmd = new ArrayList<>(List.of("mosquitto_sub", "-h", "127.0.0.1", "-p",
                String.valueOf(broker.port()), "-v", "-t", topic, "-C", "1", "-W", String.valueOf(seconds)));
        cmd.addAll(List.of(options));
        Tools.await(Tools.start(out, cmd.toArray(String[]::new)), seconds + 30);
        String text = Files.readString(out).trim();
        return text.startsWith("Timed out") ? "" : text;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < 300 && !condition.getAsBoolean(); i++) {
            Thread.sleep(100);
        }
        assertTrue(condition.getAsBoolean(), "not reached: " + what);
    }
}
