package dev.fosc.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FoscTalkOptionsTest {

    @Test
    void defaults() {
        FoscTalkOptions d = FoscTalkOptions.DEFAULT;
        assertEquals(FoscTalkEncoding.PCM, d.encoding());
        assertEquals(Duration.ofMillis(120), d.leadIn());
        assertEquals(2, d.leadInFrames());
        assertEquals(Duration.ofMillis(500), d.maxLatency());
        assertEquals(16_320, d.bufferBytes());
        assertEquals(d, d.toBuilder().build());
    }

    @Test
    void leadInIsRoundedUpToWholeFrames() {
        assertEquals(0, FoscTalkOptions.builder().leadIn(Duration.ZERO).build().leadInFrames());
        assertEquals(1, FoscTalkOptions.builder().leadIn(Duration.ofMillis(1)).build().leadInFrames());
        assertEquals(1, FoscTalkOptions.builder().leadIn(Duration.ofMillis(60)).build().leadInFrames());
        assertEquals(2, FoscTalkOptions.builder().leadIn(Duration.ofMillis(61)).build().leadInFrames());
    }

    @Test
    void refusesValuesOutsideTheirRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FoscTalkOptions.builder().maxLatency(Duration.ofMillis(59)));
        assertTrue(e.getMessage().contains("at least one frame"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FoscTalkOptions.builder().bufferBytes(959));
        assertThrows(IllegalArgumentException.class, () -> FoscTalkOptions.builder().leadIn(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> FoscTalkOptions.builder().leadIn(Duration.ofSeconds(3)));
        assertEquals(FoscTalkEncoding.G726, FoscTalkOptions.builder().encoding(FoscTalkEncoding.G726).build()
                .encoding());
        assertEquals(120, FoscTalkEncoding.G726.frameBytes());
    }
}
