package dev.fosc.client.internal;

import dev.fosc.client.FoscAuthenticationException;
import dev.fosc.client.FoscLoginRateLimitedException;
import dev.fosc.client.FoscReconnectPolicy;
import dev.fosc.codec.FoscLoginReply;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;

/**
 * One session's reconnect policy at work: whether a lost connection is retried, the backoff delay of the next
 * attempt, the reconnect timer, the "stable login" timer that resets the backoff, and what a refused login means
 * (rate limiting to retry after a long backoff, or bad credentials to fail for good).
 *
 * <p>Threading: used only on the session's event loop; its timers are scheduled on that loop. No locks.
 */
final class FoscReconnectScheduler {

    private final FoscReconnectPolicy policy;
    private final EventLoop loop;
    private final DoubleSupplier random;

    private boolean everLoggedIn;
    private int attempt;
    private int refusedRelogins;
    private long lastLoginNanos;
    private ScheduledFuture<?> reconnectTimer;
    private ScheduledFuture<?> stableTimer;

    /**
     * @param random uniform values in [0, 1) for the backoff jitter (called on the loop)
     */
    FoscReconnectScheduler(FoscReconnectPolicy policy, EventLoop loop, DoubleSupplier random) {
        this.policy = policy;
        this.loop = loop;
        this.random = random;
    }

    /**
     * A login was accepted. The backoff starts again from the first delay only once this login has lasted the
     * policy's stable time: a camera that accepts and drops at once must not be logged into every second forever.
     *
     * @param stillLoggedIn checked when the stable time is over: true if this login is still the current one
     */
    void loggedIn(BooleanSupplier stillLoggedIn) {
        everLoggedIn = true;
        lastLoginNanos = System.nanoTime();
        cancelStableTimer();
        stableTimer = loop.schedule(() -> {
            stableTimer = null;
            if (stillLoggedIn.getAsBoolean()) {
                attempt = 0;
                refusedRelogins = 0;
            }
        }, policy.stableTime().toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The login in progress is no longer stable (lost, or the connection is gone). */
    void cancelStableTimer() {
        if (stableTimer != null) {
            stableTimer.cancel(false);
            stableTimer = null;
        }
    }

    /** Whether a lost connection is to be retried, or the session goes to DISCONNECTED. */
    boolean shouldReconnect(boolean rateLimited) {
        return policy.enabled() && (everLoggedIn || policy.retryFirstConnect() || rateLimited);
    }

    /** The delay before the next attempt; counts the attempt. */
    long nextDelayNanos(boolean rateLimited) {
        return FoscBackoff.delayNanos(policy, attempt++, rateLimited, random.getAsDouble());
    }

    /** Runs {@code attempt} on the loop after {@code delayNanos}, unless {@link #cancel()} comes first. */
    void schedule(long delayNanos, Runnable attempt) {
        reconnectTimer = loop.schedule(() -> {
            reconnectTimer = null;
            attempt.run();
        }, delayNanos, TimeUnit.NANOSECONDS);
    }

    /** The session ends: no more timers. */
    void cancel() {
        cancelStableTimer();
        if (reconnectTimer != null) {
            reconnectTimer.cancel(false);
            reconnectTimer = null;
        }
    }

    /**
     * What a refused login means.
     *
     * @param user how to name the user in messages (never the password)
     * @return a {@link FoscLoginRateLimitedException} when the session should reconnect after a long backoff
     *     (too many users, or a back-to-back re-login refused like a bad password), otherwise a
     *     {@link FoscAuthenticationException}: the session fails, never retried (wrong logins can lock a camera)
     */
    FoscAuthenticationException loginRefused(FoscLoginReply reply, String address, String user) {
        int result = reply.result();
        if (result == FoscLoginReply.RESULT_TOO_MANY_USERS) {
            return new FoscLoginRateLimitedException("camera " + address + " refused the login of " + user
                    + ": too many users (result " + result + ")", result);
        }
        boolean badCredentials = result == FoscLoginReply.RESULT_BAD_CREDENTIALS || reply.isEmptyRefusal();
        // back-to-back logins are refused like a bad password; a login accepted long ago cannot make this one
        // "back to back", so then the password really changed: no retry (wrong logins can lock a camera)
        boolean recentLogin = everLoggedIn
                && System.nanoTime() - lastLoginNanos <= 2 * policy.rateLimitedDelay().toNanos();
        if (badCredentials && recentLogin && refusedRelogins < policy.maxRefusedRelogins()) {
            refusedRelogins++;
            return new FoscLoginRateLimitedException("camera " + address + " refused the login of " + user
                    + " it accepted before (" + refusal(result) + "): taken as rate limiting, retry " + refusedRelogins
                    + " of " + policy.maxRefusedRelogins() + " after a long backoff", result);
        }
        return new FoscAuthenticationException("camera " + address + " refused the login of " + user + ": "
                + refusal(result) + "; not retrying", result);
    }

    private static String refusal(int result) {
        switch (result) {
            case FoscLoginReply.RESULT_EMPTY: return "bad user or password (empty LOGIN_REPLY)";
            case FoscLoginReply.RESULT_BAD_CREDENTIALS: return "bad user or password (result 1)";
            case FoscLoginReply.RESULT_ACCESS_DENIED: return "access denied (result 2)";
            default: return "result " + result;
        }
    }
}
