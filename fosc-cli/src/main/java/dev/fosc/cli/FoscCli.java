package dev.fosc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

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

    /** The {@code fosc} command with every subcommand registered, ready to {@code execute}. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new FoscCli());
        cli.addSubcommand(new DecodeCommand());
        cli.addSubcommand(new FakeCameraCommand());
        cli.addSubcommand(new RecordCommand());
        cli.addSubcommand(new DemoCommand());
        return cli;
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
