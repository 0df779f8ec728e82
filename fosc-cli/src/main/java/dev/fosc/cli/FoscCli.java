package dev.fosc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The {@code fosc} command line (shaded jar {@code fosc-cli/target/fosc.jar}). Subcommands are registered in
 * {@link #commandLine()}, the one factory used by {@link #main(String[])} and by tests.
 *
 * <p>Exit codes: 0 success, 1 the command failed (bad input, I/O error), 2 usage error (picocli's default).
 * JSON and other results go to standard output; logs and error lines go to standard error only.
 *
 * <p><b>Threading:</b> a command runs on the thread that calls {@link CommandLine#execute}; a
 * {@link CommandLine} built here is used by one thread. <b>Buffers:</b> none cross this API.
 */
@Command(name = "fosc", mixinStandardHelpOptions = true, versionProvider = FoscVersion.class,
        description = "Tools for the Foscam HD low-level (FOSC) protocol.",
        subcommandsRepeatable = false)
public final class FoscCli implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** The option whose value usage errors never show. */
    static final String PASSWORD_OPTION = "--password";
    private static final String REDACTED = "<redacted>";

    /**
     * The {@code fosc} command with every subcommand registered, ready to {@code execute}. A password given on
     * the command line never appears in a usage error: option-like values are accepted as option parameters
     * ({@code --password -x}), and messages are scrubbed of the password and of unmatched arguments (pieces of an
     * unquoted password with spaces).
     */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new FoscCli());
        cli.addSubcommand(new DecodeCommand());
        cli.addSubcommand(new FakeCameraCommand());
        cli.addSubcommand(new RecordCommand());
        cli.addSubcommand(new DemoCommand());
        cli.setAllowOptionsAsOptionParameters(true);
        cli.setParameterExceptionHandler(FoscCli::usageError);
        return cli;
    }

    /** Picocli's usage-error output (message, suggestions or usage; exit code 2) without any secret. */
    private static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(cmd.getColorScheme().errorText(scrub(ex, args)));
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
            cmd.usage(err, cmd.getColorScheme());
        }
        err.flush();
        CommandLine.Model.CommandSpec spec = cmd.getCommandSpec();
        return cmd.getExitCodeExceptionMapper() != null ? cmd.getExitCodeExceptionMapper().getExitCode(ex)
                : spec.exitCodeOnInvalidInput();
    }

    /** The exception's message with every value given to {@value #PASSWORD_OPTION} replaced. */
    static String scrub(CommandLine.ParameterException ex, String[] args) {
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals(PASSWORD_OPTION) && i + 1 < args.length) {
                secrets.add(args[i + 1]);
            } else if (a.startsWith(PASSWORD_OPTION + "=")) {
                secrets.add(a.substring(PASSWORD_OPTION.length() + 1));
            }
        }
        String message = String.valueOf(ex.getMessage());
        if (secrets.isEmpty()) {
            return message;
        }
        if (ex instanceof CommandLine.UnmatchedArgumentException) {
            // "--password my secret": 'secret' is a piece of the password
            secrets.addAll(((CommandLine.UnmatchedArgumentException) ex).getUnmatched());
        }
        secrets.removeIf(String::isEmpty);
        secrets.sort(Comparator.comparingInt(String::length).reversed());
        for (String secret : secrets) {
            message = message.replace(secret, REDACTED);
        }
        return message;
    }

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** Without a subcommand: usage error. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command");
    }
}
