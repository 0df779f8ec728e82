package dev.fosc.client.internal;

import dev.fosc.client.FoscCameraProfile;
import dev.fosc.client.FoscQuirks;
import dev.fosc.client.FoscStream;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What an AUTO session learns from the camera's answers, and what it must not conclude. */
class FoscQuirkLearnerTest {

    private static FoscQuirkLearner auto() {
        return new FoscQuirkLearner(FoscCameraProfile.AUTO.quirks(), true, true);
    }

    @Test
    void mainRefusedWithZeroAndAcceptedWithOneLearnsOne() {
        FoscQuirkLearner l = auto();
        assertEquals(0, l.streamByteFor(FoscStream.MAIN));
        assertEquals(1, l.alternativeStreamByte(0));
        l.streamByteAccepted(FoscStream.MAIN, 1, true, true);
        assertEquals(1, l.streamByteFor(FoscStream.MAIN));
        assertEquals(1, l.streamByteFor(FoscStream.SUB));
        assertEquals(-1, l.alternativeStreamByte(1), "settled: no more probing");
        assertTrue(l.current().videoOnStreamByteLearned());
        assertTrue(l.current().toString().contains("videoOnStreamByte=1 (learned)"), l.current().toString());
        assertTrue(l.toString().contains("streamByte learned"), l.toString());
    }

    @Test
    void mainAcceptedWithZeroSettlesStreamNumbers() {
        FoscQuirkLearner l = auto();
        l.streamByteAccepted(FoscStream.MAIN, 0, true, false);
        assertTrue(l.current().videoOnStreamByteLearned());
        assertEquals(FoscQuirks.STREAM_NUMBER, l.current().videoOnStreamByte());
        assertEquals(0, l.streamByteFor(FoscStream.MAIN));
        assertEquals(1, l.streamByteFor(FoscStream.SUB));
        assertEquals(-1, l.alternativeStreamByte(1), "a later refusal is not probed again");
    }

    @Test
    void byteZeroAcceptedButSilentTeachesByteOneOnceEvenAfterItSettledStreamNumbers() {
        FoscQuirkLearner l = auto();
        l.streamByteAccepted(FoscStream.MAIN, 0, true, false); // an R2C answers 0 with status 0...
        assertEquals(0, l.streamByteFor(FoscStream.MAIN));
        assertTrue(l.videoSilent(0)); // ...and sends no video
        assertEquals(1, l.streamByteFor(FoscStream.MAIN));
        assertEquals(1, l.streamByteFor(FoscStream.SUB));
        assertTrue(l.current().videoOnStreamByteLearned());
        assertFalse(l.videoSilent(1), "once per session: byte 1 silent too is not the stream byte");
        assertFalse(l.videoSilent(0));
        assertEquals(1, l.streamByteFor(FoscStream.MAIN));
        FoscQuirkLearner named = new FoscQuirkLearner(FoscCameraProfile.FI9821W_V2.quirks(), false, false);
        assertFalse(named.videoSilent(0), "a named profile is never changed");
        assertEquals(0, named.streamByteFor(FoscStream.MAIN));
    }

    @Test
    void subAcceptedWithOneSettlesNothing() {
        FoscQuirkLearner l = auto();
        l.streamByteAccepted(FoscStream.SUB, 1, true, false);
        assertFalse(l.current().videoOnStreamByteLearned());
        assertEquals(0, l.streamByteFor(FoscStream.MAIN), "MAIN still starts with its own number");
        assertEquals(1, l.alternativeStreamByte(0), "and may still be probed");
    }

    @Test
    void subRefusedWithOneAndAcceptedWithZeroLearnsZero() {
        FoscQuirkLearner l = auto();
        assertEquals(0, l.alternativeStreamByte(1));
        l.streamByteAccepted(FoscStream.SUB, 0, true, true);
        assertEquals(0, l.current().videoOnStreamByte());
        assertEquals(0, l.streamByteFor(FoscStream.MAIN));
        assertEquals(0, l.streamByteFor(FoscStream.SUB));
    }

    @Test
    void audioOnAcceptedAtTheFirstTrySettlesNothingButAfterARefusalItDoes() {
        FoscQuirkLearner l = auto();
        l.streamByteAccepted(FoscStream.MAIN, 0, false, false);
        assertFalse(l.current().videoOnStreamByteLearned(), "an AUDIO_ON accepted says nothing about VIDEO_ON");
        l.streamByteAccepted(FoscStream.MAIN, 1, false, true);
        assertTrue(l.current().videoOnStreamByteLearned());
        assertEquals(1, l.current().videoOnStreamByte());
    }

    @Test
    void withoutProbingNothingIsTriedOrLearned() {
        FoscQuirkLearner l = new FoscQuirkLearner(FoscCameraProfile.FI9821W_V2.quirks(), false, false);
        assertEquals(-1, l.alternativeStreamByte(0));
        l.streamByteAccepted(FoscStream.MAIN, 1, true, true);
        assertEquals(FoscQuirks.STREAM_NUMBER, l.current().videoOnStreamByte());
        assertFalse(l.current().videoOnStreamByteLearned());
        assertArrayEquals(new int[] {160}, l.speakerOnLengths());
        l.speakerOnAccepted(164);
        assertEquals(160, l.current().speakerOnLength());
        assertTrue(l.toString().contains("streamByte configured"), l.toString());
    }

    @Test
    void speakerOnSizesAreProbedInOrderThenFixed() {
        FoscQuirkLearner l = auto();
        assertArrayEquals(new int[] {160, 164, 161}, l.speakerOnLengths());
        l.speakerOnAccepted(164);
        assertArrayEquals(new int[] {164}, l.speakerOnLengths());
        assertTrue(l.current().speakerOnLengthLearned());
        assertEquals(FoscCameraProfile.R2C.quirks().speakerOnLength(), l.current().speakerOnLength());
    }
}
