package dev.fosc.client;

import dev.fosc.codec.FoscCredentials;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

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
        assertEquals(4L << 20, o.highWaterMarkBytes());
        assertEquals(FoscSessionOptions.DEFAULT_HIGH_WATER_MARK_BYTES, o.highWaterMarkBytes());
        assertEquals(1L << 20, o.lowWaterMarkBytes());
        assertEquals(FoscSessionOptions.DEFAULT_LOW_WATER_MARK_BYTES, o.lowWaterMarkBytes());
        assertEquals(16L << 20, o.maxBufferedBytes());
        assertEquals(FoscSessionOptions.DEFAULT_MAX_BUFFERED_BYTES, o.maxBufferedBytes());
    }

    @Test
    void reliabilityDefaultsAreTheDocumentedConstantsAndKeptByToBuilder() {
        FoscSessionOptions o = FoscSessionOptions.builder("cam", CREDS).build();
        assertEquals(Duration.ofSeconds(30), o.waitTimeout());
        assertEquals(FoscSessionOptions.DEFAULT_WAIT_TIMEOUT, o.waitTimeout());
        assertEquals(16, o.maxWaitingCalls());
        assertEquals(FoscSessionOptions.DEFAULT_MAX_WAITING_CALLS, o.maxWaitingCalls());
        assertEquals(Duration.ofSeconds(10), o.mediaStartTimeout());
        assertEquals(FoscSessionOptions.DEFAULT_MEDIA_START_TIMEOUT, o.mediaStartTimeout());
        assertEquals(Duration.ofSeconds(1), o.mediaRetryDelay());
        assertEquals(FoscSessionOptions.DEFAULT_MEDIA_RETRY_DELAY, o.mediaRetryDelay());
        assertEquals(3, o.mediaRetries());
        assertEquals(FoscSessionOptions.DEFAULT_MEDIA_RETRIES, o.mediaRetries());
        FoscReconnectPolicy p = o.reconnectPolicy();
        assertTrue(p.retryFirstConnect(), "an NVR picks up cameras that were offline at start");
        assertEquals(Duration.ofSeconds(5), p.minLoginInterval());
        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(30),
                Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10)),
                p.credentialsSuspectDelays());
        assertEquals(Duration.ofMinutes(10), p.credentialsSuspectDelay(100), "the last delay repeats");

        FoscSessionOptions changed = o.toBuilder().waitTimeout(Duration.ofSeconds(3)).maxWaitingCalls(2)
                .mediaStartTimeout(Duration.ofSeconds(4)).mediaRetryDelay(Duration.ofMillis(50)).mediaRetries(0)
                .reconnectPolicy(p.toBuilder().minLoginInterval(Duration.ZERO)
                        .credentialsSuspectDelays(List.of(Duration.ofSeconds(1))).retryFirstConnect(false).build())
                .build().toBuilder().build();
        assertEquals(Duration.ofSeconds(3), changed.waitTimeout());
        assertEquals(2, changed.maxWaitingCalls());
        assertEquals(Duration.ofSeconds(4), changed.mediaStartTimeout());
        assertEquals(Duration.ofMillis(50), changed.mediaRetryDelay());
        assertEquals(0, changed.mediaRetries());
        assertEquals(Duration.ZERO, changed.reconnectPolicy().minLoginInterval());
        assertEquals(List.of(Duration.ofSeconds(1)), changed.reconnectPolicy().credentialsSuspectDelays());
        assertFalse(changed.reconnectPolicy().retryFirstConnect());

        assertThrows(IllegalArgumentException.class, () -> o.toBuilder().maxWaitingCalls(0));
        assertThrows(IllegalArgumentException.class, () -> o.toBuilder().mediaRetries(-1));
        assertThrows(IllegalArgumentException.class, () -> o.toBuilder().waitTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> p.toBuilder().credentialsSuspectDelays(List.of()));
        assertThrows(IllegalArgumentException.class, () -> p.toBuilder()
                .credentialsSuspectDelays(List.of(Duration.ofSeconds(1), Duration.ZERO)));
        assertThrows(IllegalArgumentException.class, () -> p.toBuilder().minLoginInterval(Duration.ofSeconds(-1)));
    }

    @Test
    void byteLimitsAreValidatedAndKeptByToBuilder() {
        FoscSessionOptions o = FoscSessionOptions.builder("cam", CREDS).byteWaterMarks(1000, 5000)
                .maxBufferedBytes(9000).build();
        FoscSessionOptions copy = o.toBuilder().build();
        assertEquals(1000, copy.lowWaterMarkBytes());
        assertEquals(5000, copy.highWaterMarkBytes());
        assertEquals(9000, copy.maxBufferedBytes());
        assertThrows(IllegalArgumentException.class, () -> o.toBuilder().byteWaterMarks(5000, 5000));
        assertThrows(IllegalArgumentException.class, () -> o.toBuilder().byteWaterMarks(-1, 5000));
        assertThrows(IllegalArgumentException.class, () -> o.toBuilder().maxBufferedBytes(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> o.toBuilder().maxBufferedBytes(4999).build());
        assertTrue(e.getMessage().contains("below the high water mark in bytes 5000"), e.getMessage());
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
    void autoIsTheDefaultAndLearnsOnlyWhatIsNotSetExplicitly() {
        FoscSessionOptions auto = FoscSessionOptions.builder("cam", CREDS).build();
        assertEquals(FoscCameraProfile.AUTO, auto.profile());
        assertTrue(auto.learnsVideoOnStreamByte());
        assertTrue(auto.learnsSpeakerOnLength());
        assertTrue(auto.toBuilder().build().learnsVideoOnStreamByte(), "toBuilder keeps AUTO learning");
        assertTrue(auto.toString().contains("learning stream byte speakerOn size"), auto.toString());

        FoscSessionOptions speaker = auto.toBuilder().speakerOnLength(164).build();
        assertTrue(speaker.learnsVideoOnStreamByte());
        assertFalse(speaker.learnsSpeakerOnLength());
        assertFalse(speaker.toBuilder().build().learnsSpeakerOnLength(), "toBuilder keeps the override");

        FoscSessionOptions stored = auto.toBuilder().quirks(FoscCameraProfile.R2C.quirks()).build();
        assertFalse(stored.learnsVideoOnStreamByte(), "explicit quirks are used as they are");
        assertFalse(stored.learnsSpeakerOnLength());
        assertFalse(stored.toBuilder().build().learnsVideoOnStreamByte());

        for (FoscCameraProfile model : new FoscCameraProfile[] {FoscCameraProfile.FI9821W_V2, FoscCameraProfile.R2C,
                FoscCameraProfile.C1_V3}) {
            FoscSessionOptions o = auto.toBuilder().profile(model).build();
            assertFalse(o.learnsVideoOnStreamByte() || o.learnsSpeakerOnLength(), model.name());
        }
    }

    @Test
    void learnedQuirksAreMarkedButCompareByValue() {
        FoscQuirks learned = FoscQuirks.DEFAULT.withLearnedVideoOnStreamByte(1).withLearnedSpeakerOnLength(164);
        assertTrue(learned.videoOnStreamByteLearned() && learned.speakerOnLengthLearned());
        assertEquals(FoscCameraProfile.R2C.quirks(), learned, "same values as the R2C profile");
        assertEquals("FoscQuirks[speakerOnLength=164 (learned), videoOnStreamByte=1 (learned), preamble=true,"
                + " connectionMode=SINGLE]", learned.toString());
        assertFalse(learned.toBuilder().build().videoOnStreamByteLearned(), "toBuilder drops the marks");
        assertThrows(IllegalArgumentException.class, () -> FoscQuirks.DEFAULT.withLearnedVideoOnStreamByte(300));
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

    @Test
    void theReaderIdleTimeoutMustBeLongerThanTheKeepaliveInterval() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FoscSessionOptions
                .builder("cam", CREDS).readerIdleTimeout(Duration.ofSeconds(5)).build()); // keepalive: 10 s
        assertTrue(e.getMessage().contains("keepaliveInterval"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FoscSessionOptions.builder("cam", CREDS)
                .keepaliveInterval(Duration.ofSeconds(3)).readerIdleTimeout(Duration.ofSeconds(3)).build());
        assertEquals(Duration.ofSeconds(4), FoscSessionOptions.builder("cam", CREDS)
                .keepaliveInterval(Duration.ofSeconds(3)).readerIdleTimeout(Duration.ofSeconds(4)).build()
                .readerIdleTimeout());
    }
}
