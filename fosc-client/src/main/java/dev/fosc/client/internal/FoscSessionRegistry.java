package dev.fosc.client.internal;

import dev.fosc.client.FoscClientStats;
import dev.fosc.client.FoscSession;
import dev.fosc.client.FoscSessionObserver;
import dev.fosc.client.FoscSessionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A client's sessions: the live ones, the counters of those that ended, and the observers told of both. What
 * keeps the client's counters from going backwards: a session leaves the live set and enters the ended totals in
 * one step, under the same lock {@link #stats()} sums under.
 *
 * <p>Threading: thread-safe. {@link #add} runs on the application's thread, {@link #remove} on the session's event
 * loop; both, {@link #stats()} and the observer calls hold this registry's lock, which is never held for long (a
 * sum over the sessions' volatile counters, no I/O). {@link #sessions()} takes no lock.
 */
public final class FoscSessionRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(FoscSessionRegistry.class);

    private final Set<DefaultFoscSession> live = ConcurrentHashMap.newKeySet();
    private final List<FoscSessionObserver> observers = new ArrayList<>(); // guarded by this
    private final FoscSessionCounters ended = new FoscSessionCounters(); // written only under this lock
    private long closed; // guarded by this
    private long failed; // guarded by this

    /** A new session joins. */
    public synchronized void add(DefaultFoscSession session) {
        if (live.add(session)) {
            for (FoscSessionObserver o : observers) {
                added(o, session);
            }
        }
    }

    /** A session ended (closed or failed): its counters move to the ended totals. Called once per session. */
    public synchronized void remove(DefaultFoscSession session) {
        if (!live.remove(session)) {
            return;
        }
        session.counters().addTo(ended);
        if (session.state() == FoscSessionState.FAILED) {
            failed++;
        } else {
            closed++;
        }
        for (FoscSessionObserver o : observers) {
            try {
                o.sessionRemoved(session);
            } catch (Throwable t) {
                LOG.warn("a FoscSessionObserver threw on the removal of {}", session, t);
            }
        }
    }

    /** The live sessions. */
    public List<FoscSession> sessions() {
        return new ArrayList<>(live);
    }

    /** The live sessions as their implementation (for closing them). */
    public List<DefaultFoscSession> liveSessions() {
        return new ArrayList<>(live);
    }

    /** Sums the live sessions and the ended ones. */
    public synchronized FoscClientStats stats() {
        FoscSessionCounters sum = new FoscSessionCounters();
        ended.addTo(sum);
        Map<FoscSessionState, Integer> byState = new EnumMap<>(FoscSessionState.class);
        for (DefaultFoscSession s : live) {
            s.counters().addTo(sum);
            byState.merge(s.state(), 1, Integer::sum);
        }
        return new FoscClientStats(sum.snapshot(), byState, closed, failed);
    }

    /** Adds {@code observer} (once: adding it again changes nothing) and tells it of every live session at once. */
    public synchronized void addObserver(FoscSessionObserver observer) {
        if (observers.contains(observer)) {
            return;
        }
        observers.add(observer);
        for (DefaultFoscSession s : live) {
            added(observer, s);
        }
    }

    /** Removes {@code observer}; it is told nothing more. */
    public synchronized boolean removeObserver(FoscSessionObserver observer) {
        return observers.remove(observer);
    }

    private static void added(FoscSessionObserver observer, FoscSession session) {
        try {
            observer.sessionAdded(session);
        } catch (Throwable t) {
            LOG.warn("a FoscSessionObserver threw on the addition of {}", session, t);
        }
    }
}
