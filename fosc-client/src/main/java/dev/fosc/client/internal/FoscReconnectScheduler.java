package dev.fosc.client.internal;

import dev.fosc.client.FoscAuthenticationException;
import dev.fosc.client.FoscLoginRateLimitedException;
import dev.fosc.client.FoscLoginRefusedException;
import dev.fosc.client.FoscReconnectPolicy;
import dev.fosc.codec.FoscLoginReply;
import dev.fosc.codec.FoscMalformedPayloadException;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;

/**
 * One session's reconnect policy at work: whether a lost connection is retried, the delay of the next attempt (the
 * backoff, the long wait after "too many users", the credentials-suspect catalogue after a refused re-login, and
 * never sooner than {@link FoscReconnectPolicy#minLoginInterval()} after the previous LOGIN), the reconnect timer,
 * the "stable login" timer that resets the backoff, and what a refused login means.
 *
 * <p>Time is the event loop's ticker ({@link EventLoop#ticker()}), the clock its timers run on, so that tests drive
 * it with a mock ticker like the rest of the session.
 *
 * <p>Threading: used only on the session's event loop; its timers are scheduled on that loop. No locks.
 */
final class FoscReconnectScheduler {

    /** Why the session waits for its next attempt; each kind has its own delay. */
    enum Wait {
        /** An ordinary loss: the exponential backoff with full jitter. */
        BACKOFF,
        /** "Too many users": {@link FoscReconnectPolicy#rateLimitedDelay()} plus jitter. */
        RATE_LIMITED,
        /** A refused re-login: the next delay of {@link FoscReconnectPolicy#credentialsSuspectDelays()}. */
        CREDENTIALS_SUSPECT
    }

    /** What a refused login means: the exception to report, and whether the session may try again. */
    record Refusal(FoscLoginRefusedException cause, boolean isFinal, Wait next) {
    }

    private final FoscReconnectPolicy policy;
    private final EventLoop loop;
    private final DoubleSupplier random;

    private boolean everLoggedIn;
    private int attempt;
    private int suspectRefusals;
    private boolean loginSent;
    private long lastLoginSentNanos;
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

    /** The loop's clock, in nanoseconds. */
    long nanoTime() {
        return loop.ticker().nanoTime();
    }

    /** Whether a login of this session was ever accepted. */
    boolean everLoggedIn() {
        return everLoggedIn;
    }

    /** A LOGIN was sent now: the next attempt waits at least the policy's minimum login interval from here. */
    void loginSent() {
        loginSent = true;
        lastLoginSentNanos = nanoTime();
    }

    /**
     * A login was accepted. The credentials-suspect catalogue starts over at once (the password works); the backoff
     * starts again from the first delay only once this login has lasted the policy's stable time: a camera that
     * accepts and drops at once must not be logged into every second forever.
     *
     * @param stillLoggedIn checked when the stable time is over: true if this login is still the current one
     */
    void loggedIn(BooleanSupplier stillLoggedIn) {
        everLoggedIn = true;
        suspectRefusals = 0;
        cancelStableTimer();
        stableTimer = loop.schedule(() -> {
            stableTimer = null;
            if (stillLoggedIn.getAsBoolean()) {
                attempt = 0;
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
    boolean shouldReconnect(Wait wait) {
        return policy.enabled() && (everLoggedIn || policy.retryFirstConnect() || wait == Wait.RATE_LIMITED);
    }

    /**
     * The delay before the next attempt, counted as one more attempt: the delay of {@code wait}, but never less than
     * what is left of the minimum login interval since the last LOGIN.
     */
    long nextDelayNanos(Wait wait) {
        long delay;
        switch (wait) {
            case RATE_LIMITED:
                delay = FoscBackoff.delayNanos(policy, attempt, true, random.getAsDouble());
                break;
            case CREDENTIALS_SUSPECT:
                long base = policy.credentialsSuspectDelay(suspectRefusals).toNanos();
                delay = base + (long) (random.getAsDouble() * (base / 2));
                break;
            default:
                delay = FoscBackoff.delayNanos(policy, attempt, false, random.getAsDouble());
        }
        attempt++;
        if (loginSent) {
            long sinceLogin = nanoTime() - lastLoginSentNanos;
            delay = Math.max(delay, policy.minLoginInterval().toNanos() - sinceLogin);
        }
        return delay;
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
     * What a refused login means: "too many users" is rate limiting (retried after the long delay); any other
     * refusal is final on the first login of the session, and a credentials-suspect wait after the camera accepted
     * the credentials once.
     *
     * @param user how to name the user in messages (never the password)
     */
    Refusal loginRefused(FoscLoginReply reply, String address, String user) {
        int result = reply.result();
        if (result == FoscLoginReply.RESULT_TOO_MANY_USERS) {
            return new Refusal(new FoscLoginRateLimitedException("camera " + address + " refused the login of "
                    + user + ": too many users (result " + result + ")", result), false, Wait.RATE_LIMITED);
        }
        return refused("camera " + address + " refused the login of " + user + ": " + refusal(result), result, null);
    }

    /**
     * A LOGIN_REPLY too malformed to hold a result: "not logged in" (docs/protocol.md §3), a refusal like any other.
     */
    Refusal loginInvalid(FoscMalformedPayloadException cause, String address, String user) {
        return refused("camera " + address + " answered the login of " + user + " with a malformed LOGIN_REPLY ("
                + cause.getMessage() + "): not logged in", FoscLoginReply.RESULT_EMPTY, cause);
    }

    private Refusal refused(String what, int result, Throwable cause) {
        if (!everLoggedIn) {
            // the first login of the session: a bad password; one attempt, never retried (wrong logins can lock a
            // camera)
            return new Refusal(new FoscAuthenticationException(what + "; not retrying", result, cause), true,
                    Wait.BACKOFF);
        }
        suspectRefusals++;
        return new Refusal(new FoscAuthenticationException(what + " although it accepted these credentials before:"
                + " most likely its limit on back-to-back logins, possibly a changed password; credentials suspect,"
                + " refusal " + suspectRefusals + " in a row, retrying later", result, cause), false,
                Wait.CREDENTIALS_SUSPECT);
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
