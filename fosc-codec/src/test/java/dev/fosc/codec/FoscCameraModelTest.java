package dev.fosc.codec;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The camera models' names and the facts that set them apart (docs/protocol.md §2, §3). */
class FoscCameraModelTest {

    @Test
    void namesFromCommandLinesAndEnums() {
        assertEquals(FoscCameraModel.R2C, FoscCameraModel.fromName("r2c"));
        assertEquals(FoscCameraModel.C1_V3, FoscCameraModel.fromName("C1-V3"));
        assertEquals(FoscCameraModel.FI9821W_V2, FoscCameraModel.fromName("fi9821w_v2"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FoscCameraModel.fromName("d-link"));
        assertEquals("unknown camera model 'd-link'; valid: fi9821w-v2, r2c, c1-v3", e.getMessage());
    }

    @Test
    void r2cIsTheOddOne() {
        assertEquals(164, FoscCameraModel.R2C.speakerOnLength());
        assertEquals(1, FoscCameraModel.R2C.requiredVideoStreamByte());
        assertEquals(FoscAudioFormat.G726, FoscCameraModel.R2C.audioFormat());
        assertEquals(2, FoscCameraModel.R2C.mirrorFlipLength());
        assertEquals(FoscCameraModel.ANY_STREAM_BYTE, FoscCameraModel.C1_V3.requiredVideoStreamByte());
        assertTrue(FoscCameraModel.C1_V3.eventBeforeLoginReply());
        assertTrue(FoscCameraModel.FI9821W_V2.refusesWithEmptyReply());
        assertFalse(FoscCameraModel.R2C.refusesWithEmptyReply());
        assertEquals(FoscLoginReply.RESULT_BAD_CREDENTIALS, FoscCameraModel.R2C.refusal().result());
    }
}
