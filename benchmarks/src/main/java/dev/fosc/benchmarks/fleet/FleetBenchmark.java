package dev.fosc.benchmarks.fleet;

import picocli.CommandLine;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fleet benchmark: N fake cameras (a {@link FleetServer} in a child JVM, or any server with
 * {@code --connect}) streaming into one {@code FoscClient}, and the raw baseline ({@link RawLoad}) on the same
 * load in the same run, one after the other, alternating which goes first; prints JSON on standard output
 * (progress on standard error). See BENCHMARKS.md ("Fleet benchmark") for the command and the fields.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.fosc.benchmarks.fleet.FleetBenchmark \
 *      --cameras 1000 --fps 25 --frame-bytes 10000 --seconds 30 --threads 2 --paced
 * </pre>
 *
 * Never asserts: it measures and reports.
 */
public final class FleetBenchmark {

    private FleetBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        FleetOptions o = new FleetOptions();
        CommandLine cl = new CommandLine(o);
        try {
            cl.parseArgs(args);
            o.validate();
        } catch (CommandLine.ParameterException | IllegalArgumentException e) {
            System.err.println(e.getMessage());
            cl.usage(System.err);
            System.exit(2);
        }
        if (o.help) {
            cl.usage(System.out);
            return;
        }
        System.out.print(run(o));
        System.exit(0); // the report is out: do not wait for lingering non-daemon threads
    }

    /** Runs the benchmark {@code o} describes and returns the JSON report. */
    static String run(FleetOptions o) throws Exception {
        JsonReport report = new JsonReport(o);
        ServerProcess server = o.connect == null ? ServerProcess.start(o) : null;
        try {
            List<InetSocketAddress> targets = server != null ? server.addresses()
                    : List.of(new InetSocketAddress(o.connectAddress().getHostString(), o.connectAddress().getPort()));
            if (server != null) {
                report.extra("server_pid", server.pid());
            } else if (o.serverPid > 0) {
                report.extra("server_pid", o.serverPid);
            }
            LoadRunner runner = new LoadRunner(o, server, targets);
            for (int run = 1; run <= o.runs; run++) {
                if (o.mode == FleetOptions.Mode.talk) {
                    System.err.printf("fleet: run %d of %d, fosc, %d talkers%n", run, o.runs, o.cameras);
                    Map<String, Measurement> talk = new LinkedHashMap<>();
                    talk.put("fosc", new TalkRunner(o, server, targets).run());
                    report.addRun(talk);
                    continue;
                }
                List<String> order = new ArrayList<>(List.of(o.clients));
                if (run % 2 == 0) {
                    java.util.Collections.reverse(order); // alternate who goes first
                }
                Map<String, Measurement> byClient = new LinkedHashMap<>();
                for (String client : order) {
                    System.err.printf("fleet: run %d of %d, %s, %d sessions%n", run, o.runs, client, o.cameras);
                    byClient.put(client, runner.run(client));
                }
                report.addRun(byClient);
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
        return report.toJson();
    }

    /** Parses {@code args} and runs (for tests). */
    static String run(String... args) throws Exception {
        FleetOptions o = new FleetOptions();
        new CommandLine(o).parseArgs(args);
        o.validate();
        return run(o);
    }
}
