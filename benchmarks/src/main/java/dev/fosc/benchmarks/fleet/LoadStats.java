package dev.fosc.benchmarks.fleet;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The counters of one client load: a {@link LoopStats} per event loop of its group, the sessions that are ready
 * (streaming, or logged in for an idle load), the sessions that failed, and the event-loop threads' ids (for
 * CPU time and allocation).
 */
final class LoadStats {

    private final EventLoopGroup group;
    private final Map<EventExecutor, LoopStats> byLoop = new IdentityHashMap<>();
    private final AtomicInteger ready = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicLong lastReadyNanos = new AtomicLong();
    private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();

    LoadStats(EventLoopGroup group) {
        this.group = group;
        for (EventExecutor loop : group) {
            byLoop.put(loop, new LoopStats());
        }
    }

    /** The counters of {@code loop} (one of the group's). */
    LoopStats of(EventExecutor loop) {
        LoopStats s = byLoop.get(loop);
        if (s == null) {
            throw new IllegalArgumentException("not a loop of this load's group: " + loop);
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
        for (Map.Entry<EventExecutor, LoopStats> e : byLoop.entrySet()) {
            sum = sum.plus(onLoop(e.getKey(), e.getValue()));
        }
        return sum;
    }

    private static LoopStats.Snapshot onLoop(EventExecutor loop, LoopStats stats) {
        try {
            return loop.submit(stats::snapshot).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the counters of " + loop, e);
        }
    }

    /** The ids of the group's event-loop threads (each asked on its loop). */
    long[] loopThreadIds() {
        List<Long> ids = new ArrayList<>();
        for (EventExecutor loop : group) {
            try {
                ids.add(loop.submit(() -> Thread.currentThread().getId()).get(30, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException(e);
            }
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }
}
