package dev.fosc.benchmarks.fleet;

import picocli.CommandLine.Option;

import java.net.InetSocketAddress;

/** The fleet benchmark's command-line options (picocli); plain fields, read after parsing. */
final class FleetOptions {

    /** What the sessions do. */
    enum Mode { video, idle, talk }

    @Option(names = "--mode", description = "video (default), idle (logged in, no video) or talk")
    Mode mode = Mode.video;

    @Option(names = "--cameras", description = "sessions (one per fake camera unless --ports; default ${DEFAULT-VALUE})")
    int cameras = 100;

    @Option(names = "--ports", description = "fake cameras (listening sockets) the sessions are spread over, "
            + "round-robin (default: one per session). 10,000 sessions need fewer ports: every port is a descriptor.")
    int ports;

    @Option(names = "--fps", description = "video frames per second per camera (default ${DEFAULT-VALUE})")
    int fps = 25;

    @Option(names = "--frame-bytes", description = "video frame size (H.264 data padded with filler; "
            + "default ${DEFAULT-VALUE}); or give --bit-rate")
    int frameBytes = 10_000;

    @Option(names = "--bit-rate", description = "bit/s per camera; overrides --frame-bytes (frame = rate / 8 / fps)")
    int bitRate;

    @Option(names = "--seconds", description = "measured seconds per client per run (default ${DEFAULT-VALUE})")
    double seconds = 30;

    @Option(names = "--warmup", description = "seconds of load before measuring, after every session is ready "
            + "(default ${DEFAULT-VALUE})")
    double warmup = 5;

    @Option(names = "--threads", description = "event-loop threads of each measured client (default ${DEFAULT-VALUE})")
    int threads = 2;

    @Option(names = "--server-threads", description = "event-loop threads of the fake fleet (default ${DEFAULT-VALUE})")
    int serverThreads = 2;

    @Option(names = "--paced", description = "every camera sends --fps frames a second (the default)")
    boolean paced;

    @Option(names = "--unpaced", description = "every camera sends as fast as its connection takes it")
    boolean unpaced;

    @Option(names = "--runs", description = "runs; each measures fosc and the raw baseline (default ${DEFAULT-VALUE}); "
            + "the report gives the median")
    int runs = 3;

    @Option(names = "--clients", split = ",", description = "which clients to measure, in this order: fosc, raw (Netty "
            + "baseline), nio (plain-NIO baseline); default fosc,raw")
    String[] clients = {"fosc", "raw"};

    @Option(names = "--transport", description = "epoll (default when available), nio or io_uring, for both Netty "
            + "clients (fosc and raw)")
    String transport = "epoll";

    @Option(names = "--connect", description = "HOST:PORT of an external camera-compatible server: no fake fleet "
            + "is started and every session goes there")
    String connect;

    @Option(names = "--server-pid", description = "with --connect: the external server's process id (on this "
            + "machine); its CPU in each window is reported as server_cpu_pct_of_core")
    long serverPid;

    @Option(names = "--user", description = "user for LOGIN (default ${DEFAULT-VALUE})")
    String user = "admin";

    @Option(names = "--password", description = "password for LOGIN (default empty)")
    String password = "";

    @Option(names = "--server-heap", description = "-Xmx of the fake fleet's JVM (default ${DEFAULT-VALUE})")
    String serverHeap = "2g";

    @Option(names = "--epoch-timestamps", arity = "1", description = "true if the server's media timestamps are "
            + "epoch microseconds (default: true with the fake fleet, false with --connect); delivery delay is "
            + "measured only then")
    Boolean epochTimestamps;

    @Option(names = "--talk-seconds", description = "talk mode: seconds each talker writes PCM in real time "
            + "(default ${DEFAULT-VALUE}); the measured window")
    double talkSeconds = 10;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help")
    boolean help;

    boolean isPaced() {
        return !unpaced;
    }

    int portCount() {
        return ports > 0 ? Math.min(ports, cameras) : cameras;
    }

    /** The payload bytes of a video frame's H.264 data (what the fake pads to). */
    int frameDataBytes() {
        return bitRate > 0 ? bitRate / 8 / fps : frameBytes;
    }

    /** The padding bit rate the fake is given. */
    int videoBitRate() {
        return bitRate > 0 ? bitRate : frameBytes * 8 * fps;
    }

    boolean epochClock() {
        return epochTimestamps != null ? epochTimestamps : connect == null;
    }

    InetSocketAddress connectAddress() {
        int colon = connect.lastIndexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("--connect wants HOST:PORT: " + connect);
        }
        return InetSocketAddress.createUnresolved(connect.substring(0, colon),
                Integer.parseInt(connect.substring(colon + 1)));
    }

    void validate() {
        if (cameras < 1 || fps < 1 || threads < 1 || serverThreads < 1 || runs < 1 || seconds <= 0 || warmup < 0) {
            throw new IllegalArgumentException("cameras, fps, threads, runs and seconds must be positive");
        }
        for (String c : clients) {
            if (!c.equals("fosc") && !c.equals("raw") && !c.equals("nio")) {
                throw new IllegalArgumentException("--clients takes fosc, raw and nio: " + c);
            }
        }
        if (mode == Mode.talk) {
            if (connect == null && portCount() < cameras) {
                throw new IllegalArgumentException("--mode talk needs a camera (speaker) per talker: drop --ports");
            }
            clients = new String[] {"fosc"}; // the raw baselines do not talk
        }
        if (paced && unpaced) {
            throw new IllegalArgumentException("--paced and --unpaced exclude each other");
        }
        if (!transport.equals("epoll") && !transport.equals("nio") && !transport.equals("io_uring")) {
            throw new IllegalArgumentException("--transport is epoll, nio or io_uring: " + transport);
        }
    }
}
