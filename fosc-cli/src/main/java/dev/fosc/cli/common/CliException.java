package dev.fosc.cli.common;

/**
 * A command failed for a reason it can state in one sentence: the message is printed as it is (no class name,
 * never a password) and the process exits with {@link #exitCode()}. The cause, when there is one, is shown only
 * with {@code --verbose}. Immutable.
 */
public final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /** A failure with one of the {@link ExitCodes}. */
    public CliException(int exitCode, String message) {
        this(exitCode, message, null);
    }

    /** A failure with one of the {@link ExitCodes}, caused by {@code cause} (shown with {@code --verbose}). */
    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** A usage or configuration error (exit {@value ExitCodes#USAGE}). */
    public static CliException usage(String message) {
        return new CliException(ExitCodes.USAGE, message);
    }

    /** The process exit code. */
    public int exitCode() {
        return exitCode;
    }
}
