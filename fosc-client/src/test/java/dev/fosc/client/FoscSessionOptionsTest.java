package dev.fosc.client;

import dev.fosc.codec.FoscCredentials;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Options, quirk profiles and overrides. */
class FoscSessionOptionsTest {

    private static final FoscCredentials CREDS = FoscCredentials.of("admin", "hunter2");

    @Test
    void defaultsAreTheDocumentedConstants() {
        FoscSessionOptions o = FoscSessionOptions.builder("cam", CREDS).build();
        assertEquals(FoscSessionOptions.DEFAULT_PORT, o.port());
        assertEquals(88, o.port());
        assertEquals(Duration.ofSeconds(10), o.keepaliveInterval());
        assertEquals(Duration.ofSeconds(35), o.readerIdleTimeout());
        assertEquals(FoscSessionOptions.DEFAULT_PROFILE, o.profile());
        assertEquals(FoscQuirks.DEFAULT, o.quirks());
        assertEquals(FoscReconnectPolicy.DEFAULT, o.reconnectPolicy());
        assertEquals(Duration.ofSeconds(1), o.reconnectPolicy().initialDelay());
        assertEquals(Duration.ofSeconds(60), o.reconnectPolicy().maxDelay());
        assertNull(o.uid());
    }

    @Test
    void profilesCarryTheirQuirks() {
        FoscQuirks r2c = FoscCameraProfile.R2C.quirks();
        assertEquals(164, r2c.speakerOnLength());
        assertEquals(1, r2c.streamByteFor(FoscStream.MAIN), "an R2C only streams with byte 1");
        assertEquals(1, r2c.streamByteFor(FoscStream.SUB));
        FoscQuirks c1 = FoscCameraProfile.C1_V3.quirks();
        assertEquals(160, c1.speakerOnLength());
        assertEquals(0, c1.streamByteFor(FoscStream.MAIN));
        assertEquals(1, c1.streamByteFor(FoscStream.SUB));
        assertTrue(FoscCameraProfile.FI9821W_V2.quirks().preamble());
        assertEquals(FoscConnectionMode.SINGLE, FoscCameraProfile.FI9821W_V2.quirks().connectionMode());
    }

    @Test
    void overridesApplyOnTopOfTheProfileInAnyOrder() {
        FoscSessionOptions o = FoscSessionOptions.builder("cam", CREDS).speakerOnLength(161).preamble(false)
                .profile(FoscCameraProfile.R2C).connectionMode(FoscConnectionMode.CONTROL_AND_MEDIA)
                .videoOnStreamByte(0).build();
        assertEquals(FoscCameraProfile.R2C, o.profile());
        assertEquals(161, o.quirks().speakerOnLength());
        assertFalse(o.quirks().preamble());
        assertEquals(FoscConnectionMode.CONTROL_AND_MEDIA, o.quirks().connectionMode());
        assertEquals(0, o.quirks().streamByteFor(FoscStream.SUB));
        assertEquals(o.quirks(), o.toBuilder().build().quirks(), "toBuilder keeps the effective quirks");
    }

    @Test
    void toStringNeverShowsThePassword() {
        String s = FoscSessionOptions.builder("cam", CREDS).build().toString();
        assertFalse(s.contains("hunter2"), s);
        assertTrue(s.contains("admin"));
    }

    @Test
    void invalidValuesAreRefused() {
        FoscSessionOptions.Builder b = FoscSessionOptions.builder("cam", CREDS);
        assertThrows(IllegalArgumentException.class, () -> b.port(0));
        assertThrows(IllegalArgumentException.class, () -> b.waterMarks(10, 10));
        assertThrows(IllegalArgumentException.class, () -> b.keepaliveInterval(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> b.videoOnStreamByte(256));
        assertThrows(IllegalArgumentException.class, () -> b.speakerOnLength(100));
        assertThrows(IllegalArgumentException.class, () -> FoscSessionOptions.builder("", CREDS));
        assertThrows(IllegalArgumentException.class,
                () -> FoscSessionOptions.builder("cam", CREDS).waterMarks(10, 100).maxBufferedItems(50).build());
    }
}
