package dev.fosc.cli;

import picocli.CommandLine.IVersionProvider;

/**
 * The version shown by {@code fosc --version}: the jar manifest's {@code Implementation-Version}, or
 * {@value #UNKNOWN} when run from classes (tests, an IDE). Stateless and thread-safe.
 */
public final class FoscVersion implements IVersionProvider {

    /** Shown when no manifest version is available. */
    public static final String UNKNOWN = "development build";

    @Override
    public String[] getVersion() {
        String version = FoscVersion.class.getPackage().getImplementationVersion();
        return new String[] {"fosc " + (version != null ? version : UNKNOWN)};
    }
}
