package dev.fosc.client.internal;

import dev.fosc.client.FoscConnectionClosedException;
import dev.fosc.client.FoscRequestTimeoutException;
import dev.fosc.codec.FoscCommand;
import dev.fosc.codec.FoscMessage;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Matches replies to requests of one connection. FOSC frames carry no sequence number, so a reply is matched by
 * its command id to the oldest request waiting for that id. Each request has its own timeout, scheduled on the
 * connection's event loop.
 *
 * <p>Replies of one command carry nothing that ties them to one request, so they are interchangeable: a reply
 * always completes the oldest request waiting for its command, if there is one. A request that timed out is still
 * owed its reply, which a slow camera sends late: with nobody waiting, that late reply is dropped as paid debt
 * rather than reported as unsolicited. A debt lapses one request timeout (of reading time) after it was made (the
 * camera lost that reply). Debts never take a reply from a waiting request: an application that retries at once
 * after a timeout gets the camera's prompt answer, whichever request the camera meant it for.
 *
 * <p>Timeouts (and the lapse of debts) count only the time during which the connection reads: while reading is
 * paused ({@link #pauseReading()}, a slow application's back-pressure) a reply can arrive but sits unread in the
 * socket, so no request may time out for it. The tracker keeps a reading clock that stands still while paused; each
 * request's deadline is a point on that clock. A timeout that fires early (the clock stood still meanwhile) is
 * scheduled again for what is left; one that fires while paused waits for {@link #resumeReading()}.
 *
 * <p>Used only on that event loop; not thread-safe.
 */
final class FoscRequestTracker {

    private static final Logger LOG = LoggerFactory.getLogger(FoscRequestTracker.class);

    private final EventExecutor executor;
    private final String address;
    /**
     * Per reply command, the requests waiting for it, oldest first; {@code null} while none waits (an idle
     * connection keeps no map: thousands of them per process).
     */
    private Map<FoscCommand, ArrayDeque<Pending>> pending;
    /**
     * Per reply command: when each reply still owed to a timed-out request stops being expected (reading clock);
     * {@code null} while nothing is owed.
     */
    private Map<FoscCommand, ArrayDeque<Long>> owed;
    /** The ticker time of the reading clock's stop, while reading is paused. */
    private long pausedSince;
    private boolean paused;
    /** The ticker time during which reading was paused, in the pauses that ended. */
    private long pausedTotal;

    FoscRequestTracker(EventExecutor executor, String address) {
        this.executor = executor;
        this.address = address;
    }

    /**
     * Registers a request; the future completes with the reply or fails once {@code timeoutNanos} of reading time
     * passed without it (time while reading is paused does not count).
     */
    CompletableFuture<FoscMessage> register(FoscCommand request, FoscCommand reply, long timeoutNanos) {
        Pending p = new Pending(request, reply, timeoutNanos, readingNanos() + timeoutNanos);
        if (pending == null) {
            pending = new HashMap<>(4);
        }
        pending.computeIfAbsent(reply, k -> new ArrayDeque<>(2)).add(p);
        if (!paused) {
            arm(p);
        }
        return p.future;
    }

    /** Reading stopped (autoRead off): the reading clock stands still, no request times out. Idempotent. */
    void pauseReading() {
        if (!paused) {
            paused = true;
            pausedSince = executor.ticker().nanoTime();
        }
    }

    /**
     * Reading goes on: the reading clock runs again, and each request gets the rest of its timeout. Idempotent.
     */
    void resumeReading() {
        if (!paused) {
            return;
        }
        paused = false;
        pausedTotal += executor.ticker().nanoTime() - pausedSince;
        for (ArrayDeque<Pending> queue : waiting()) {
            for (Pending p : queue) {
                if (p.timeout == null) { // expired while paused, or registered then
                    arm(p);
                }
            }
        }
    }

    /** The time during which reading was on, from an arbitrary origin (ticker ns minus the pauses). */
    private long readingNanos() {
        long now = executor.ticker().nanoTime();
        return now - pausedTotal - (paused ? now - pausedSince : 0);
    }

    private void arm(Pending p) {
        p.timeout = executor.schedule(() -> expire(p), Math.max(0, p.deadline - readingNanos()),
                TimeUnit.NANOSECONDS);
    }

    private void expire(Pending p) {
        p.timeout = null;
        if (paused) {
            return; // resumeReading arms it again for what is left
        }
        long now = readingNanos();
        if (p.deadline - now > 0) {
            arm(p); // reading was paused for a while since it was armed
            return;
        }
        if (remove(p)) {
            if (owed == null) {
                owed = new HashMap<>(4);
            }
            ArrayDeque<Long> debts = owed.computeIfAbsent(p.reply, k -> new ArrayDeque<>());
            pruneLapsed(debts, now); // bounded by the requests of one timeout window, reply or not
            debts.add(now + p.timeoutNanos);
            p.future.completeExceptionally(new FoscRequestTimeoutException("no " + p.reply + " to " + p.request
                    + " from " + address + " within " + TimeUnit.NANOSECONDS.toMillis(p.timeoutNanos) + " ms"));
        }
    }

    /**
     * Completes the oldest request waiting for {@code reply}'s command; with none waiting, true when the reply
     * pays a debt of a request that timed out (then dropped), false when nobody expected it.
     */
    boolean complete(FoscMessage reply) {
        Pending p = poll(reply.command());
        if (p == null) {
            return payDebt(reply.command());
        }
        cancelTimeout(p);
        p.future.complete(reply);
        return true;
    }

    /**
     * Fails the oldest request waiting for {@code reply} with {@code cause} (its reply came but could not be
     * decoded); false if none waits.
     */
    boolean failOldest(FoscCommand reply, Throwable cause) {
        Pending p = poll(reply);
        if (p == null) {
            return payDebt(reply);
        }
        cancelTimeout(p);
        p.future.completeExceptionally(cause);
        return true;
    }

    /** Fails the request whose write failed (if it still waits). */
    void fail(CompletableFuture<FoscMessage> future, Throwable cause) {
        for (ArrayDeque<Pending> queue : waiting()) {
            for (Pending p : queue) {
                if (p.future == future) {
                    remove(p);
                    cancelTimeout(p);
                    p.future.completeExceptionally(cause);
                    return;
                }
            }
        }
    }

    /** Fails every waiting request with a "connection closed" exception caused by {@code cause}. */
    void failAll(Throwable cause) {
        List<Pending> all = new ArrayList<>();
        waiting().forEach(all::addAll);
        pending = null;
        for (Pending p : all) {
            cancelTimeout(p);
            p.future.completeExceptionally(new FoscConnectionClosedException("connection to " + address
                    + " closed while " + p.request + " waited for " + p.reply, cause));
        }
    }

    /** Whether a reply of {@code command} is still owed to a timed-out request: then this one pays for it. */
    private boolean payDebt(FoscCommand command) {
        ArrayDeque<Long> debts = owed == null ? null : owed.get(command);
        if (debts == null) {
            return false;
        }
        pruneLapsed(debts, readingNanos());
        if (debts.isEmpty()) {
            owed.remove(command);
            if (owed.isEmpty()) {
                owed = null;
            }
            return false;
        }
        debts.poll();
        LOG.debug("{}: a late {} for a request that timed out; dropped", address, command);
        return true;
    }

    /** Drops the debts whose reply is no longer expected (that reply was lost); {@code now} on the reading clock. */
    private static void pruneLapsed(ArrayDeque<Long> debts, long now) {
        while (!debts.isEmpty() && debts.peek() - now < 0) {
            debts.poll();
        }
    }

    /** How many requests wait. */
    int size() {
        int n = 0;
        for (ArrayDeque<Pending> queue : waiting()) {
            n += queue.size();
        }
        return n;
    }

    private static void cancelTimeout(Pending p) {
        if (p.timeout != null) {
            p.timeout.cancel(false);
            p.timeout = null;
        }
    }

    /** The queues of waiting requests (none: empty). */
    private Collection<ArrayDeque<Pending>> waiting() {
        return pending == null ? List.of() : pending.values();
    }

    /** The oldest request waiting for {@code reply}, taken out; a queue left empty goes (idle sessions stay small). */
    private Pending poll(FoscCommand reply) {
        ArrayDeque<Pending> queue = pending == null ? null : pending.get(reply);
        Pending p = queue == null ? null : queue.poll();
        dropIfEmpty(reply, queue);
        return p;
    }

    private boolean remove(Pending p) {
        ArrayDeque<Pending> queue = pending == null ? null : pending.get(p.reply);
        boolean removed = queue != null && queue.remove(p);
        dropIfEmpty(p.reply, queue);
        return removed;
    }

    /** An emptied queue goes, and the map with the last one. */
    private void dropIfEmpty(FoscCommand reply, ArrayDeque<Pending> queue) {
        if (queue != null && queue.isEmpty()) {
            pending.remove(reply);
            if (pending.isEmpty()) {
                pending = null;
            }
        }
    }

    private static final class Pending {
        final FoscCommand request;
        final FoscCommand reply;
        final long timeoutNanos;
        /** When it times out, on the reading clock. */
        final long deadline;
        final CompletableFuture<FoscMessage> future = new CompletableFuture<>();
        /** The scheduled expiry check, or {@code null} while none is (reading paused). */
        ScheduledFuture<?> timeout;

        Pending(FoscCommand request, FoscCommand reply, long timeoutNanos, long deadline) {
            this.request = request;
            this.reply = reply;
            this.timeoutNanos = timeoutNanos;
            this.deadline = deadline;
        }
    }
}
