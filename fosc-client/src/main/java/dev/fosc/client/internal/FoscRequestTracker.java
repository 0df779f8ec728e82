package dev.fosc.client.internal;

import dev.fosc.client.FoscConnectionClosedException;
import dev.fosc.client.FoscRequestTimeoutException;
import dev.fosc.codec.FoscCommand;
import dev.fosc.codec.FoscMessage;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.ArrayDeque;
import java.util.ArrayList;
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
 * <p>Used only on that event loop; not thread-safe.
 */
final class FoscRequestTracker {

    private final EventExecutor executor;
    private final String address;
    private final Map<FoscCommand, ArrayDeque<Pending>> pending = new HashMap<>();

    FoscRequestTracker(EventExecutor executor, String address) {
        this.executor = executor;
        this.address = address;
    }

    /** Registers a request; the future completes with the reply or fails after {@code timeoutNanos}. */
    CompletableFuture<FoscMessage> register(FoscCommand request, FoscCommand reply, long timeoutNanos) {
        Pending p = new Pending(request, reply);
        pending.computeIfAbsent(reply, k -> new ArrayDeque<>()).add(p);
        p.timeout = executor.schedule(() -> {
            if (remove(p)) {
                p.future.completeExceptionally(new FoscRequestTimeoutException("no " + reply + " to " + request
                        + " from " + address + " within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms"));
            }
        }, timeoutNanos, TimeUnit.NANOSECONDS);
        return p.future;
    }

    /** Completes the oldest request waiting for {@code reply}'s command; false if none waits. */
    boolean complete(FoscMessage reply) {
        ArrayDeque<Pending> queue = pending.get(reply.command());
        Pending p = queue == null ? null : queue.poll();
        if (p == null) {
            return false;
        }
        p.timeout.cancel(false);
        p.future.complete(reply);
        return true;
    }

    /** Fails the request whose write failed (if it still waits). */
    void fail(CompletableFuture<FoscMessage> future, Throwable cause) {
        for (ArrayDeque<Pending> queue : pending.values()) {
            for (Pending p : queue) {
                if (p.future == future) {
                    remove(p);
                    p.future.completeExceptionally(cause);
                    return;
                }
            }
        }
    }

    /** Fails every waiting request with a "connection closed" exception caused by {@code cause}. */
    void failAll(Throwable cause) {
        List<Pending> all = new ArrayList<>();
        pending.values().forEach(all::addAll);
        pending.clear();
        for (Pending p : all) {
            p.timeout.cancel(false);
            p.future.completeExceptionally(new FoscConnectionClosedException("connection to " + address
                    + " closed while " + p.request + " waited for " + p.reply, cause));
        }
    }

    /** How many requests wait. */
    int size() {
        int n = 0;
        for (ArrayDeque<Pending> queue : pending.values()) {
            n += queue.size();
        }
        return n;
    }

    private boolean remove(Pending p) {
        ArrayDeque<Pending> queue = pending.get(p.reply);
        return queue != null && queue.remove(p);
    }

    private static final class Pending {
        final FoscCommand request;
        final FoscCommand reply;
        final CompletableFuture<FoscMessage> future = new CompletableFuture<>();
        ScheduledFuture<?> timeout;

        Pending(FoscCommand request, FoscCommand reply) {
            this.request = request;
            this.reply = reply;
        }
    }
}
