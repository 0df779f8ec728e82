package dev.fosc.micrometer;

import io.micrometer.core.instrument.Tags;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link FoscMeterOptions}: defaults as documented, negative durations refused. */
class FoscMeterOptionsTest {

    @Test
    void negativeDurationsAreRefusedAndTheDefaultsAreTheDocumentedOnes() {
        assertThrows(IllegalArgumentException.class,
                () -> FoscMeterOptions.builder().snapshotMaxAge(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class,
                () -> FoscMeterOptions.builder().endedCameraRetention(Duration.ofMillis(-1)));
        assertEquals(FoscMeterOptions.DEFAULT_ENDED_CAMERA_RETENTION,
                FoscMeterOptions.DEFAULT.endedCameraRetention());
        assertEquals(FoscMeterOptions.DEFAULT_PER_CAMERA, FoscMeterOptions.DEFAULT.perCamera());
        assertEquals(FoscMeterOptions.DEFAULT_SNAPSHOT_MAX_AGE, FoscMeterOptions.DEFAULT.snapshotMaxAge());
    }

    @Test
    void theBuilderKeepsWhatItWasGiven() {
        FoscMeterOptions o = FoscMeterOptions.builder().perCamera(false).tags(Tags.of("client", "a"))
                .snapshotMaxAge(Duration.ofMillis(5)).endedCameraRetention(Duration.ZERO).build();
        assertEquals(false, o.perCamera());
        assertEquals(Tags.of("client", "a"), o.tags());
        assertEquals(Duration.ofMillis(5), o.snapshotMaxAge());
        assertEquals(Duration.ZERO, o.endedCameraRetention());
    }
}
