package dev.fosc.client.internal;

import dev.fosc.client.FoscNotConnectedException;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The calls of one session waiting for a connection that can take them (videoOn, audioOn, audioOff made while
 * connecting or reconnecting), bounded: at most {@code max} wait at a time (a call beyond fails at once), and each
 * fails with {@link FoscNotConnectedException} after {@code timeout} unless it was completed or taken first. One
 * instance holds one kind of call; the bound is shared through {@link Budget}.
 *
 * <p>Threading: used only on the session's event loop, where its timers run. No locks.
 */
final class FoscWaitingCalls {

    /** The bound shared by a session's kinds of waiting calls. */
    static final class Budget {
        private final int max;
        private int waiting;

        Budget(int max) {
            this.max = max;
        }

        /** Calls waiting now, all kinds. */
        int waiting() {
            return waiting;
        }
    }

    private final EventLoop loop;
    private final Budget budget;
    private final Duration timeout;
    private final String address;
    private final String what;
    /** Created with the first call that waits (most sessions never have one). */
    private List<CompletableFuture<Void>> calls = List.of();

    /**
     * @param what the call's name for messages ("videoOn")
     */
    FoscWaitingCalls(EventLoop loop, Budget budget, Duration timeout, String address, String what) {
        this.loop = loop;
        this.budget = budget;
        this.timeout = timeout;
        this.address = address;
        this.what = what;
    }

    /** {@code call} waits for a connection, or fails at once when {@link Budget#max} calls wait already. */
    void add(CompletableFuture<Void> call) {
        if (budget.waiting >= budget.max) {
            call.completeExceptionally(new FoscNotConnectedException("session to " + address + " is not connected and "
                    + budget.max + " calls wait for it already: " + what + " refused (its wish is kept and applied"
                    + " after the next login)"));
            return;
        }
        if (calls.isEmpty()) {
            calls = new ArrayList<>(2);
        }
        calls.add(call);
        budget.waiting++;
        ScheduledFuture<?> timer = loop.schedule(() -> {
            if (remove(call)) {
                call.completeExceptionally(new FoscNotConnectedException("session to " + address + " did not log in"
                        + " within " + timeout.toMillis() + " ms: " + what + " gave up waiting (its wish is kept and"
                        + " applied after the next login)"));
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        call.whenComplete((v, e) -> {
            timer.cancel(false);
            remove(call);
        });
    }

    boolean isEmpty() {
        return calls.isEmpty();
    }

    /** Takes every waiting call (first, so that a callback may add new ones); their timers end as they complete. */
    List<CompletableFuture<Void>> drain() {
        List<CompletableFuture<Void>> taken = calls;
        calls = List.of();
        budget.waiting -= taken.size();
        return taken;
    }

    /** Takes every waiting call and fails it with {@code error}. */
    void failAll(Throwable error) {
        for (CompletableFuture<Void> c : drain()) {
            c.completeExceptionally(error);
        }
    }

    private boolean remove(CompletableFuture<Void> call) {
        if (!calls.isEmpty() && calls.remove(call)) {
            budget.waiting--;
            return true;
        }
        return false;
    }
}
