package dev.fosc.benchmarks.bridge;

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
 * prints a first line once ready, answers {@code COMMAND} with {@code COMMAND key=value ...}, and exits on
 * {@code STOP}.
 */
final class Child implements AutoCloseable {

    private final Process process;
    private final BufferedReader out;
    private final PrintStream in;
    private final String first;

    private Child(Process process, String expectedPrefix) throws IOException {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        String line = out.readLine();
        if (line == null || !line.startsWith(expectedPrefix)) {
            process.destroy();
            throw new IOException("the child " + process.info().commandLine().orElse("?") + " did not start (it said: "
                    + line + ")");
        }
        this.first = line;
    }

    /** Starts {@code mainClass} with {@code heap} and {@code args}; waits for its first line, which starts so. */
    static Child start(String heap, Class<?> mainClass, List<String> args, String expectedPrefix) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        cmd.add("-Xmx" + heap);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass.getName());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return new Child(p, expectedPrefix);
    }

    /** @return the child's first line (its ports) */
    String first() {
        return first;
    }

    /** Asks {@code command}; returns the answer's key=value pairs. */
    synchronized Map<String, Long> ask(String command) {
        in.println(command);
        String line;
        try {
            line = out.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (line == null || !line.startsWith(command + " ")) {
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
