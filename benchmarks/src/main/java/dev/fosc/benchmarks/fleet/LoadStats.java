package dev.fosc.benchmarks.fleet;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The counters of one client load: a {@link LoopStats} per event loop (a Netty loop of its group, or a
 * {@link NioWorker}), the sessions that are ready (streaming, or logged in for an idle load), the sessions that
 * failed, and the loop threads' ids (for CPU time and allocation).
 */
final class LoadStats {

    /** Runs a task on a loop and waits for its result. */
    interface OnLoop {
        Object call(Callable<?> task) throws Exception;
    }

    private final Map<Object, LoopStats> byLoop = new IdentityHashMap<>();
    private final Map<Object, OnLoop> runners = new IdentityHashMap<>();
    private final AtomicInteger ready = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicLong lastReadyNanos = new AtomicLong();
    private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();

    LoadStats(EventLoopGroup group) {
        for (EventExecutor loop : group) {
            add(loop, task -> loop.submit(task).get(30, TimeUnit.SECONDS));
        }
    }

    /** Counters with no loop yet: {@link #add} each before the load starts. */
    LoadStats() {
    }

    /** Adds a loop and how to run a task on it. Before the load starts only. */
    void add(Object loop, OnLoop runner) {
        byLoop.put(loop, new LoopStats());
        runners.put(loop, runner);
    }

    /** The counters of {@code loop} (one of this load's). */
    LoopStats of(Object loop) {
        LoopStats s = byLoop.get(loop);
        if (s == null) {
            throw new IllegalArgumentException("not a loop of this load: " + loop);
        }
        return s;
    }

    /** A session became ready (first video frame, or logged in for an idle load). Once per session. */
    void ready() {
        ready.incrementAndGet();
        lastReadyNanos.accumulateAndGet(System.nanoTime(), Math::max);
    }

    void failed(Throwable cause) {
        failed.incrementAndGet();
        firstFailure.compareAndSet(null, cause);
    }

    int readyCount() {
        return ready.get();
    }

    int failedCount() {
        return failed.get();
    }

    Throwable firstFailure() {
        return firstFailure.get();
    }

    long lastReadyNanos() {
        return lastReadyNanos.get();
    }

    /** The sum of every loop's counters, each copied on its own loop. */
    LoopStats.Snapshot snapshot() {
        LoopStats.Snapshot sum = LoopStats.Snapshot.empty();
        for (Map.Entry<Object, LoopStats> e : byLoop.entrySet()) {
            LoopStats stats = e.getValue();
            sum = sum.plus((LoopStats.Snapshot) onLoop(e.getKey(), stats::snapshot));
        }
        return sum;
    }

    /** The ids of the loop threads (each asked on its loop). */
    long[] loopThreadIds() {
        List<Long> ids = new ArrayList<>();
        for (Object loop : byLoop.keySet()) {
            ids.add((Long) onLoop(loop, () -> Thread.currentThread().getId()));
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    private Object onLoop(Object loop, Callable<?> task) {
        try {
            return runners.get(loop).call(task);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot run on " + loop, e);
        }
    }
}
