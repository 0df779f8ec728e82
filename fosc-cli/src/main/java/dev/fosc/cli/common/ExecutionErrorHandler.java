package dev.fosc.cli.common;

import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * What a command's failure prints: one line {@code error: SENTENCE} on standard error (as {@code decode} and
 * {@code record} print their own), the sentence
 * from {@link ErrorText#describe} (a {@link CliException}'s message, the client's message, or the CLI's own
 * cause in words), and the exit code from {@link ErrorText#exitCode}. The stack trace only with
 * {@code --verbose}. Stateless; thread-safe.
 */
public final class ExecutionErrorHandler implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        err.println(cmd.getColorScheme().errorText("error: " + ErrorText.describe(ex)));
        if (verbose(parseResult)) {
            Throwable shown = ex instanceof CliException && ex.getCause() != null ? ex.getCause() : ex;
            shown.printStackTrace(err);
        }
        err.flush();
        return ErrorText.exitCode(ex);
    }

    /** Whether {@code --verbose} was given to the command or any parent. */
    static boolean verbose(CommandLine.ParseResult result) {
        for (CommandLine.ParseResult r = result; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
