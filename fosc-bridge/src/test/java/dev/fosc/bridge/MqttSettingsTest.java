package dev.fosc.bridge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MqttSettingsTest {

    @Test
    void schemesAndDefaultPorts() {
        MqttSettings plain = MqttSettings.builder("tcp://broker").build();
        assertFalse(plain.tls());
        assertEquals(MqttSettings.DEFAULT_PORT, plain.port());
        assertEquals(MqttSettings.DEFAULT_QOS, plain.qos());
        assertEquals(MqttSettings.DEFAULT_MAX_IN_FLIGHT, plain.maxInFlight());
        for (String url : new String[] {"ssl://broker", "mqtts://broker"}) {
            MqttSettings tls = MqttSettings.builder(url).build();
            assertTrue(tls.tls(), url);
            assertEquals(MqttSettings.DEFAULT_TLS_PORT, tls.port(), url);
        }
        assertEquals(9999, MqttSettings.builder("mqtts://broker:9999").build().port());
        assertThrows(IllegalArgumentException.class, () -> MqttSettings.builder("ws://broker"));
    }

    @Test
    void qosAndInFlightLimits() {
        assertEquals(1, MqttSettings.builder("tcp://b").qos(1).build().qos());
        assertThrows(IllegalArgumentException.class, () -> MqttSettings.builder("tcp://b").qos(2));
        assertThrows(IllegalArgumentException.class, () -> MqttSettings.builder("tcp://b").maxInFlight(0));
        assertEquals(65535, MqttSettings.builder("tcp://b").maxInFlight(65535).build().maxInFlight());
    }

    @Test
    void aCaFileOnlyForTlsAndReadable(@TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "");
        assertEquals(ca, MqttSettings.builder("ssl://b").caFile(ca).build().caFile());
        assertThrows(IllegalArgumentException.class, () -> MqttSettings.builder("tcp://b").caFile(ca));
        assertThrows(IllegalArgumentException.class,
                () -> MqttSettings.builder("ssl://b").caFile(dir.resolve("missing.pem")));
    }

    @Test
    void toStringHidesThePassword() {
        String text = MqttSettings.builder("mqtts://b").credentials("bridge", "s3cret-pw").qos(1).build().toString();
        assertFalse(text.contains("s3cret-pw"), text);
        assertTrue(text.contains("ssl://b:8883") && text.contains("qos=1") && text.contains("password=***"), text);
    }
}
