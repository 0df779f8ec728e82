package dev.fosc.client.internal;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FoscTalkPacerTest {

    private static final long MS = 1_000_000;

    @Test
    void deadlinesAreAbsoluteSoSmallDelaysDoNotAddUp() {
        FoscTalkPacer p = new FoscTalkPacer(Duration.ofMillis(500).toNanos());
        assertEquals(1000 * MS, p.start(1000 * MS));
        assertEquals(1060 * MS, p.sent(1000 * MS));
        assertEquals(1120 * MS, p.sent(1065 * MS), "5 ms late: the next slot stays where it was");
        assertEquals(5 * MS, p.lateness(1125 * MS));
        assertEquals(1245 * MS, p.sent(1185 * MS), "65 ms late: re-anchored at the send, never a make-up burst");
    }

    @Test
    void restartsNoEarlierThanOnePeriodAfterTheLastSend() {
        FoscTalkPacer p = new FoscTalkPacer(Duration.ofMillis(500).toNanos());
        p.start(0);
        p.sent(0);
        assertEquals(60 * MS, p.start(10 * MS));
        assertEquals(900 * MS, p.start(900 * MS));
    }

    @Test
    void latencyRules() {
        FoscTalkPacer p = new FoscTalkPacer(Duration.ofMillis(120).toNanos());
        p.start(0);
        assertEquals(0, p.framesTooLate(120 * MS));
        assertEquals(1, p.framesTooLate(121 * MS));
        assertEquals(2, p.framesTooLate(181 * MS));
        assertEquals(0, p.framesOverLatency(3 * 960), "the frame being sent and 120 ms behind it");
        assertEquals(1, p.framesOverLatency(3 * 960 + 1));
        assertEquals(3 * 960, p.latencyLimitBytes());
    }
}
