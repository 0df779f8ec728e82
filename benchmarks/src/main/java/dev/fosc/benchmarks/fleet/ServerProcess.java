package dev.fosc.benchmarks.fleet;

import dev.fosc.benchmarks.child.ChildJvm;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The parent's handle on a {@link FleetServer} child JVM: its ports, its counters, and stopping it. */
final class ServerProcess implements AutoCloseable {

    private final ChildJvm child;
    private final List<InetSocketAddress> addresses = new ArrayList<>();

    private ServerProcess(ChildJvm child) {
        this.child = child;
        for (String p : child.first().substring(6).trim().split(" ")) {
            addresses.add(new InetSocketAddress("127.0.0.1", Integer.parseInt(p)));
        }
    }

    /** Starts a child JVM (same java, same class path) running the fleet {@code options} describe. */
    static ServerProcess start(FleetOptions o) throws IOException {
        List<String> args = new ArrayList<>(List.of("--cameras", String.valueOf(o.portCount()), "--fps",
                String.valueOf(o.fps), "--threads", String.valueOf(o.serverThreads), "--user", o.user, "--password",
                o.password));
        if (o.mode == FleetOptions.Mode.video) {
            args.addAll(List.of("--bit-rate", String.valueOf(o.videoBitRate())));
        }
        if (!o.isPaced()) {
            args.add("--unpaced");
        }
        if (!o.epochClock()) {
            args.add("--uptime-timestamps");
        }
        return new ServerProcess(ChildJvm.start(o.serverHeap, FleetServer.class, args, "PORTS "));
    }

    List<InetSocketAddress> addresses() {
        return addresses;
    }

    long pid() {
        return child.pid();
    }

    /** The server's counters: open, connections, logins, sent, skipped, cpu_ns. */
    Map<String, Long> stats() {
        return child.ask("STATS");
    }

    /** Talk lateness over every camera (see {@link FleetServer}). */
    Map<String, Long> talk() {
        return child.ask("TALK");
    }

    /** Forgets the talk audio heard so far (the server answers OK). */
    void clearTalk() {
        child.request("CLEAR");
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
        child.close();
    }
}
