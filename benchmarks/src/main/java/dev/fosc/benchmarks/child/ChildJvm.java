package dev.fosc.benchmarks.child;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM (same java, same class path) that speaks one line at a time on its standard input and output: it
 * prints a first line once ready, answers {@code COMMAND} with {@code COMMAND key=value ...} (or another line, see
 * {@link #request}), and exits on {@code STOP}. The benchmarks' fake fleet and bridge host run in such children, so
 * that their CPU and memory are measured apart from the client's. Thread-safe; {@link #close()} stops the child
 * (forcibly after 30 s).
 */
public final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final BufferedReader out;
    private final PrintStream in;
    private final String first;

    private ChildJvm(Process process, String name, String expectedPrefix) throws IOException {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        String line = out.readLine();
        if (line == null || !line.startsWith(expectedPrefix)) {
            process.destroy();
            // named by its main class only: the arguments may hold a password
            throw new IOException("the child JVM " + name + " did not start (it said: " + line + ")");
        }
        this.first = line;
    }

    /**
     * Starts {@code mainClass} with {@code heap} ({@code -Xmx}) and {@code args}; waits for its first line, which must
     * start with {@code expectedPrefix}.
     */
    public static ChildJvm start(String heap, Class<?> mainClass, List<String> args, String expectedPrefix)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        cmd.add("-Xmx" + heap);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass.getName());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return new ChildJvm(p, mainClass.getSimpleName(), expectedPrefix);
    }

    /** {@return the child's first line (its ports)} */
    public String first() {
        return first;
    }

    /** {@return the child's process id} */
    public long pid() {
        return process.pid();
    }

    /** Sends {@code command}; returns the child's one-line answer, whatever it is. */
    public synchronized String request(String command) {
        in.println(command);
        String line;
        try {
            line = out.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (line == null) {
            throw new IllegalStateException("the child exited instead of answering " + command);
        }
        return line;
    }

    /** Asks {@code command}; returns the key=value pairs of its answer {@code COMMAND key=value ...}. */
    public synchronized Map<String, Long> ask(String command) {
        String line = request(command);
        if (!line.startsWith(command + " ")) {
            throw new IllegalStateException("the child answered " + command + " with: " + line);
        }
        Map<String, Long> m = new HashMap<>();
        for (String kv : line.substring(command.length() + 1).trim().split(" ")) {
            int eq = kv.indexOf('=');
            m.put(kv.substring(0, eq), Long.parseLong(kv.substring(eq + 1)));
        }
        return m;
    }

    @Override
    public void close() {
        in.println("STOP");
        in.close();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
