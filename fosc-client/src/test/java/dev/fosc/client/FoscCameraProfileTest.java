package dev.fosc.client;

import dev.fosc.codec.FoscCameraModel;
import dev.fosc.codec.FoscSpeakerOn;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The client's profiles derive their quirks from fosc-codec's camera models. */
class FoscCameraProfileTest {

    @Test
    void namedProfilesAreTheCodecModels() {
        for (FoscCameraModel model : FoscCameraModel.values()) {
            FoscCameraProfile profile = FoscCameraProfile.of(model);
            assertSame(model, profile.model());
            assertEquals(model.speakerOnLength(), profile.quirks().speakerOnLength(), model.toString());
        }
        assertNull(FoscCameraProfile.AUTO.model());
        assertEquals(FoscCameraModel.values().length + 1, FoscCameraProfile.values().length, "AUTO and one per model");
    }

    @Test
    void quirksAreTheOnesSessionsHaveAlwaysUsed() {
        assertEquals(FoscQuirks.DEFAULT, FoscCameraProfile.AUTO.quirks());
        assertEquals(FoscQuirks.DEFAULT, FoscCameraProfile.FI9821W_V2.quirks());
        assertEquals(FoscQuirks.DEFAULT, FoscCameraProfile.C1_V3.quirks());
        assertEquals(FoscQuirks.builder().speakerOnLength(FoscSpeakerOn.R2C_LENGTH).videoOnStreamByte(1).build(),
                FoscCameraProfile.R2C.quirks());
    }
}
