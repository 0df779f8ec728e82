package dev.fosc.cli.common;

import dev.fosc.client.FoscCameraProfile;
import dev.fosc.client.FoscRequestRefusedException;
import dev.fosc.client.FoscTalkRefusedException;

/**
 * The hint added to a refusal that looks like the wrong model: VIDEO_ON (or AUDIO_ON) or SPEAKER_ON refused with
 * status 1 while a model was named with {@code --profile}. Such a refusal is what a camera answers to the other
 * models' quirks (docs/protocol.md §2), so the hint names the profile to try. Stateless; thread-safe.
 */
public final class WrongModelHint {

    private WrongModelHint() {
    }

    /**
     * The hint for {@code failure} under {@code profile}, starting with "; ", or the empty string when the failure
     * does not look like the wrong model (or the profile is {@code auto}, which learns what the camera wants).
     */
    public static String forFailure(Throwable failure, FoscCameraProfile profile) {
        Throwable c = ErrorText.unwrap(failure);
        if (profile == FoscCameraProfile.AUTO) {
            return "";
        }
        if (c instanceof FoscRequestRefusedException && ((FoscRequestRefusedException) c).status() == 1) {
            return profile == FoscCameraProfile.R2C
                    ? "; the camera may not be an R2C: try --profile fi9821w-v2 or --profile auto"
                    : "; the camera may be an R2C, which wants stream byte 1: try --profile r2c or --profile auto";
        }
        if (c instanceof FoscTalkRefusedException && ((FoscTalkRefusedException) c).status() == 1) {
            return profile == FoscCameraProfile.R2C
                    ? "; the camera may not be an R2C (164-byte SPEAKER_ON): try --profile fi9821w-v2 or --profile auto"
                    : "; the camera may be an R2C, which wants a 164-byte SPEAKER_ON: try --profile r2c or"
                            + " --profile auto";
        }
        return "";
    }
}
