package dev.fosc.benchmarks.fleet;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The parent's handle on a {@link FleetServer} child JVM: its ports, its counters, and stopping it. */
final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final BufferedReader out;
    private final PrintStream in;
    private final List<InetSocketAddress> addresses = new ArrayList<>();

    private ServerProcess(Process process) throws IOException {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        String line = out.readLine();
        if (line == null || !line.startsWith("PORTS ")) {
            process.destroy();
            throw new IOException("the fleet server did not start (it said: " + line + ")");
        }
        for (String p : line.substring(6).trim().split(" ")) {
            addresses.add(new InetSocketAddress("127.0.0.1", Integer.parseInt(p)));
        }
    }

    /** Starts a child JVM (same java, same class path) running the fleet {@code options} describe. */
    static ServerProcess start(FleetOptions o) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        cmd.add("-Xmx" + o.serverHeap);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(FleetServer.class.getName());
        cmd.addAll(List.of("--cameras", String.valueOf(o.portCount()), "--fps", String.valueOf(o.fps),
                "--threads", String.valueOf(o.serverThreads), "--user", o.user, "--password", o.password));
        if (o.mode == FleetOptions.Mode.video) {
            cmd.addAll(List.of("--bit-rate", String.valueOf(o.videoBitRate())));
        }
        if (!o.isPaced()) {
            cmd.add("--unpaced");
        }
        if (!o.epochClock()) {
            cmd.add("--uptime-timestamps");
        }
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return new ServerProcess(p);
    }

    List<InetSocketAddress> addresses() {
        return addresses;
    }

    long pid() {
        return process.pid();
    }

    /** The server's counters: open, connections, logins, sent, skipped, cpu_ns. */
    synchronized Map<String, Long> stats() {
        return ask("STATS");
    }

    /** Talk lateness over every camera (see {@link FleetServer}). */
    synchronized Map<String, Long> talk() {
        return ask("TALK");
    }

    synchronized void clearTalk() {
        in.println("CLEAR");
        readLine();
    }

    private Map<String, Long> ask(String command) {
        in.println(command);
        String line = readLine();
        if (!line.startsWith(command + " ")) {
            throw new IllegalStateException("the fleet server answered " + command + " with: " + line);
        }
        Map<String, Long> m = new HashMap<>();
        for (String kv : line.substring(command.length() + 1).split(" ")) {
            int eq = kv.indexOf('=');
            m.put(kv.substring(0, eq), Long.parseLong(kv.substring(eq + 1)));
        }
        return m;
    }

    private String readLine() {
        try {
            String line = out.readLine();
            if (line == null) {
                throw new IllegalStateException("the fleet server exited");
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits up to {@code seconds} until no client connection is open on the server; true if none is. */
    boolean awaitNoConnections(double seconds) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (stats().get("open") > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
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
