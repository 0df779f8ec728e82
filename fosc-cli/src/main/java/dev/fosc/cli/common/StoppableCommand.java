package dev.fosc.cli.common;

import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * What the commands that run until a duration ends or they are stopped share (bridge, events, capture): the
 * {@code --verbose} option, the environment {@code ${VAR}} values come from, and the stop request that Ctrl-C,
 * SIGTERM ({@link StopSignals}) or an embedding application makes. The command's {@code call()} runs on one thread;
 * {@link #requestStop()} may come from any.
 *
 * @param <T> the command itself (for {@link #env})
 */
public abstract class StoppableCommand<T extends StoppableCommand<T>> implements Callable<Integer> {

    /** Whether failures are reported with their stack traces. */
    @Option(names = {"-v", "--verbose"}, description = "Show stack traces of failures.")
    protected boolean verbose;

    /** The command's picocli model (for usage errors). */
    @Spec
    protected CommandLine.Model.CommandSpec spec;

    /** Completed by {@link #requestStop()}. */
    protected final CompletableFuture<Void> stopRequested = new CompletableFuture<>();

    /** Where {@code ${VAR}} in a cameras file or URL is looked up. */
    protected Map<String, String> env = System.getenv();

    /**
     * Reads the environment from {@code env} instead of {@link System#getenv()} (for tests and embedding).
     *
     * @param env the variables
     * @return this command
     */
    public T env(Map<String, String> env) {
        this.env = Map.copyOf(env);
        return self();
    }

    /** Ends the command, as Ctrl-C does. Any thread. */
    public void requestStop() {
        stopRequested.complete(null);
    }

    /** {@return this command} */
    protected abstract T self();
}
