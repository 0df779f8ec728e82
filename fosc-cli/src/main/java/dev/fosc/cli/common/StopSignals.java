package dev.fosc.cli.common;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ctrl-C (SIGINT) and SIGTERM as a request to stop, for commands that finish their files first. {@link #install()}
 * (from {@code main} only) replaces the JVM's handling of both signals: the first signal runs the stop actions
 * registered with {@link #onStop(Runnable)} and the command ends normally, after which {@link #exitCode(int)}
 * turns its exit code into {@value ExitCodes#SIGINT} or {@value ExitCodes#SIGTERM}. When no command registered a
 * stop action, or at a second signal, the process exits at once with that code (shutdown hooks still run).
 *
 * <p>Without {@code install()} (tests, embedding) nothing changes: signals keep their default effect.
 * Thread-safe.
 */
public final class StopSignals {

    private static final List<Runnable> ACTIONS = new CopyOnWriteArrayList<>();
    private static final AtomicInteger RECEIVED = new AtomicInteger();

    private StopSignals() {
    }

    /**
     * Handles INT and TERM from now on; where the JVM does not allow it, the default handling stays.
     * {@code sun.misc.Signal} (module jdk.unsupported) is the only way to tell SIGINT from SIGTERM and to finish the
     * files before exiting with 130 or 143; without it the shutdown hooks of the commands still finish them.
     */
    public static void install() {
        handle("INT", ExitCodes.SIGINT);
        handle("TERM", ExitCodes.SIGTERM);
    }

    private static void handle(String name, int exit) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(name), s -> received(exit));
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            // the JVM keeps its own handling: exit 128 + signal after the shutdown hooks
        }
    }

    static void received(int exit) {
        if (!RECEIVED.compareAndSet(0, exit) || ACTIONS.isEmpty()) {
            new Thread(() -> System.exit(RECEIVED.get()), "fosc-exit").start();
            return;
        }
        for (Runnable r : ACTIONS) {
            r.run();
        }
    }

    /**
     * Registers what stops the running command; close the registration when the command is done.
     *
     * @return the registration: {@code close()} removes the action
     */
    public static Registration onStop(Runnable action) {
        ACTIONS.add(action);
        return () -> ACTIONS.remove(action);
    }

    /** The exit code to use: {@code 128 + signal} once a stop signal came, else {@code commandExit}. */
    public static int exitCode(int commandExit) {
        int signal = RECEIVED.get();
        return signal != 0 ? signal : commandExit;
    }

    /** A registered stop action; {@link #close()} removes it. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** Whether a stop signal came. */
    public static boolean received() {
        return RECEIVED.get() != 0;
    }
}
