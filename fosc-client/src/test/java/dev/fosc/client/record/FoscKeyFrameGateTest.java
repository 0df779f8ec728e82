package dev.fosc.client.record;

import org.junit.jupiter.api.Test;

import static dev.fosc.client.record.FoscH264ParametersTest.AUD;
import static dev.fosc.client.record.FoscH264ParametersTest.DELTA;
import static dev.fosc.client.record.FoscH264ParametersTest.IDR;
import static dev.fosc.client.record.FoscH264ParametersTest.PPS;
import static dev.fosc.client.record.FoscH264ParametersTest.SPS;
import static dev.fosc.client.record.FoscH264ParametersTest.accessUnit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Starting at key frames, resuming at one after a discontinuity, and tracking the parameter sets. */
class FoscKeyFrameGateTest {

    static TestFrame key(boolean discontinuity) {
        return new TestFrame(true, discontinuity, accessUnit(AUD, SPS, PPS, IDR));
    }

    static TestFrame delta(boolean discontinuity) {
        return new TestFrame(false, discontinuity, accessUnit(AUD, DELTA));
    }

    @Test
    void startsAtAKeyFrameAndResumesAtOneAfterADiscontinuity() {
        FoscKeyFrameGate gate = new FoscKeyFrameGate();
        assertFalse(gate.admit(delta(false)), "nothing before the first key frame");
        assertNull(gate.parameters());
        assertTrue(gate.admit(key(false)));
        assertTrue(gate.startsSegment());
        assertTrue(gate.parametersChanged(), "the first parameters are news");
        assertEquals("42c01e", gate.parameters().profileLevelId());
        assertTrue(gate.admit(delta(false)));
        assertFalse(gate.startsSegment());
        assertFalse(gate.parametersChanged());

        assertFalse(gate.admit(delta(true)), "a reconnect broke the stream: its first frame is no key frame");
        assertTrue(gate.waitingForKeyFrame());
        assertFalse(gate.admit(delta(false)));
        assertTrue(gate.admit(key(false)));
        assertTrue(gate.startsSegment());
        assertFalse(gate.parametersChanged(), "the same parameters as before");

        assertTrue(gate.admit(key(true)), "a discontinuity at a key frame starts a segment at once");
        assertTrue(gate.startsSegment());
        gate.resync();
        assertFalse(gate.admit(delta(false)));
        assertEquals(4, gate.admitted());
        assertEquals(4, gate.skipped());
        assertEquals(3, gate.segments());
    }

    @Test
    void reportsChangedParameters() {
        FoscKeyFrameGate gate = new FoscKeyFrameGate();
        gate.admit(key(false));
        byte[] otherPps = {0x68, (byte) 0xce, 0x3c, (byte) 0x80};
        assertTrue(gate.admit(new TestFrame(true, false, accessUnit(SPS, otherPps, IDR))));
        assertTrue(gate.parametersChanged());
        assertEquals(4, gate.parameters().ppsNal().length);
        assertTrue(gate.admit(new TestFrame(true, false, accessUnit(AUD, IDR))), "a key frame without them");
        assertFalse(gate.parametersChanged());
        assertEquals(otherPps[1], gate.parameters().ppsNal()[1], "the last ones carried stay current");
    }
}
