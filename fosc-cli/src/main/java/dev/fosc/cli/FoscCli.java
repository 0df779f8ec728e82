package dev.fosc.cli;

import picocli.CommandLine;

import java.util.Map;
import picocli.CommandLine.Command;

import dev.fosc.cli.common.ExecutionErrorHandler;
import dev.fosc.cli.common.StopSignals;
import dev.fosc.cli.common.UsageErrorHandler;

/**
 * The {@code fosc} command line (shaded jar {@code fosc-cli/target/fosc.jar}). Subcommands are registered in
 * {@link #commandLine()}, the one factory used by {@link #main(String[])} and by tests.
 *
 * <p>Exit codes ({@link dev.fosc.cli.common.ExitCodes}): 0 done, 1 the output could not be written (or bad input
 * to {@code decode}), 2 usage or configuration error, 3 login refused, 4 cannot connect or protocol error, 130/143
 * stopped by SIGINT/SIGTERM after the files were finished.
 * JSON and other results go to standard output; logs and error lines go to standard error only.
 *
 * <p><b>Threading:</b> a command runs on the thread that calls {@link CommandLine#execute}; a
 * {@link CommandLine} built here is used by one thread. <b>Buffers:</b> none cross this API.
 */
@Command(name = "fosc", mixinStandardHelpOptions = true, versionProvider = FoscVersion.class,
        description = "Tools for the Foscam HD low-level (FOSC) protocol.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:the output could not be written (decode: bad input)",
            "2:usage or configuration error", "3:login refused (no second attempt was made)",
            "4:cannot connect, protocol error, or a request refused", "130:stopped by Ctrl-C (SIGINT), files finished",
            "143:stopped by SIGTERM, files finished"},
        footerHeading = "%nTry:%n", footer = {"  fosc demo", "  fosc help record", ""},
        subcommandsRepeatable = false)
public final class FoscCli implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** The option whose value usage errors never show. */
    static final String PASSWORD_OPTION = UsageErrorHandler.PASSWORD_OPTION;

    /**
     * The {@code fosc} command with every subcommand registered, ready to {@code execute}. A usage error is one
     * line and a hint ({@link UsageErrorHandler}); a failure is one sentence ({@link ExecutionErrorHandler}). A
     * password given on the command line never appears in a usage error: option-like values are accepted as
     * option parameters ({@code --password -x}), and messages are scrubbed of the password and of unmatched
     * arguments (pieces of an unquoted password with spaces).
     */
    public static CommandLine commandLine() {
        return commandLine(System.getenv());
    }

    /** {@link #commandLine()} reading the environment ({@code FOSC_PASSWORD}, {@code ${VAR}}) from {@code env}. */
    public static CommandLine commandLine(Map<String, String> env) {
        CommandLine cli = new CommandLine(new FoscCli());
        cli.addSubcommand(new DemoCommand());
        cli.addSubcommand(new RecordCommand().env(env));
        cli.addSubcommand(new TalkCommand().env(env));
        cli.addSubcommand(new EventsCommand().env(env));
        cli.addSubcommand(new ProbeCommand().env(env));
        cli.addSubcommand(new CaptureCommand().env(env));
        cli.addSubcommand(new BridgeCommand().env(env));
        cli.addSubcommand(new DecodeCommand());
        cli.addSubcommand(new FakeCameraCommand().env(env));
        cli.addSubcommand(new CommandLine.HelpCommand());
        cli.setAllowOptionsAsOptionParameters(true);
        cli.setParameterExceptionHandler(new UsageErrorHandler());
        cli.setExecutionExceptionHandler(new ExecutionErrorHandler());
        return cli;
    }

    /** The exception's message with every value given to {@value #PASSWORD_OPTION} replaced. */
    static String scrub(CommandLine.ParameterException ex, String[] args) {
        return UsageErrorHandler.scrub(ex, args);
    }

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        StopSignals.install();
        int exit = commandLine().execute(args);
        System.exit(StopSignals.exitCode(exit));
    }

    /** Without a subcommand: usage error. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command");
    }
}
