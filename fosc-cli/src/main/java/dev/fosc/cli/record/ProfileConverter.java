package dev.fosc.cli.record;

import dev.fosc.client.FoscCameraProfile;
import picocli.CommandLine;

import java.util.Locale;

/**
 * Reads {@code --profile}: {@code auto} (learn the quirks from the camera's answers), {@code fi9821w-v2},
 * {@code r2c} or {@code c1-v3} (or the enum names). Stateless; thread-safe.
 */
public final class ProfileConverter implements CommandLine.ITypeConverter<FoscCameraProfile> {

    /** The accepted names, for help texts. */
    public static final String NAMES = "auto, fi9821w-v2, r2c, c1-v3";

    @Override
    public FoscCameraProfile convert(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (FoscCameraProfile p : FoscCameraProfile.values()) {
            if (cliName(p).equals(v)) {
                return p;
            }
        }
        throw new CommandLine.TypeConversionException("unknown camera profile '" + value + "'; valid: " + NAMES);
    }

    /** The command-line name of {@code profile}: {@code auto}, {@code fi9821w-v2}, {@code r2c}, {@code c1-v3}. */
    public static String cliName(FoscCameraProfile profile) {
        return profile.model() == null ? profile.name().toLowerCase(Locale.ROOT) : profile.model().cliName();
    }
}
