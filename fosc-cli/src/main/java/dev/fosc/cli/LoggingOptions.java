package dev.fosc.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * The {@code --verbose} option, for any command ({@code @Mixin LoggingOptions logging;} then
 * {@link #apply()} first thing in the command). Logs go to standard error only (see {@code logback.xml}),
 * at WARN by default; {@code --verbose} lowers the threshold of the {@code dev.fosc} loggers to DEBUG.
 *
 * <p>Not thread-safe: apply it from the command's thread before starting any work.
 */
public final class LoggingOptions {

    /** The logger whose level {@code --verbose} changes. */
    public static final String FOSC_LOGGER = "dev.fosc";

    @Option(names = {"-v", "--verbose"}, description = "Log progress details (to standard error).")
    boolean verbose;

    /** Whether {@code --verbose} was given. */
    public boolean verbose() {
        return verbose;
    }

    /** Sets the log level for {@code --verbose}; does nothing without it. */
    public void apply() {
        if (verbose && LoggerFactory.getLogger(FOSC_LOGGER) instanceof Logger) {
            ((Logger) LoggerFactory.getLogger(FOSC_LOGGER)).setLevel(Level.DEBUG);
        }
    }
}
