package dev.fosc.benchmarks.fleet;

import java.net.InetSocketAddress;
import java.util.List;

/** A client under measurement: opens sessions to the targets on its event-loop group and counts what arrives. */
interface ClientLoad extends AutoCloseable {

    /** "fosc" or "raw". */
    String name();

    /** Its counters. */
    LoadStats stats();

    /**
     * Opens {@code sessions} sessions, session {@code i} to {@code targets.get(i % targets.size())}; returns at
     * once (sessions become ready or fail on their loops).
     */
    void open(List<InetSocketAddress> targets, int sessions);

    /** Closes every session and waits until their connections are closed (the group stays up). */
    @Override
    void close();
}
