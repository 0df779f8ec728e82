package dev.fosc.client.internal;

import dev.fosc.client.FoscSessionState;
import org.slf4j.Logger;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * What a session's state changes write to the log, kept readable when a thousand cameras drop together: at INFO
 * (WARN for a refused login) only the first change of an outage and one summary when it ends; every other change at
 * DEBUG.
 *
 * <ul>
 *   <li>Start-up: one line at most, when the first login is accepted ({@code connected (camera X)}) or the first
 *       attempt failed ({@code cannot connect: connection refused; retrying in 850 ms}).</li>
 *   <li>An outage (the connection or the login lost, or the first attempt failed): one line when it starts, with its
 *       cause; one when it ends: {@code reconnected after 3 attempts in 4.2 s} or, when the session stops trying,
 *       {@code gave up after 3 attempts in 4.2 s: ...}. The first refused re-login of an outage (credentials suspect)
 *       is a WARN line too.</li>
 *   <li>A refused first login (FAILED) is a WARN line; the application's close is DEBUG (the application knows).</li>
 * </ul>
 *
 * <p>Threading: used only on the session's event loop. Time comes from {@code nanoTime} (the loop's ticker).
 */
final class FoscSessionLog {

    private final Logger log;
    private final String address;
    private final LongSupplier nanoTime;

    private boolean everConnected;
    private boolean inOutage;
    private boolean suspectWarned;
    private long outageStart;
    private int attempts;

    FoscSessionLog(Logger log, String address, LongSupplier nanoTime) {
        this.log = log;
        this.address = address;
        this.nanoTime = nanoTime;
    }

    /**
     * A state change.
     *
     * @param cause the cause as a sentence (see {@link FoscIoErrors}), or {@code null}
     * @param nextAttemptNanos the delay before the next attempt when {@code to} waits for one, else -1
     */
    void changed(FoscSessionState from, FoscSessionState to, String cause, long nextAttemptNanos) {
        String why = cause != null ? ": " + cause : "";
        String next = nextAttemptNanos >= 0 ? "; next attempt in " + TimeUnit.NANOSECONDS.toMillis(nextAttemptNanos)
                + " ms" : "";
        switch (to) {
            case CONNECTING:
                if (inOutage) {
                    attempts++;
                }
                debug(from, to, why);
                return;
            case CONNECTED:
                if (inOutage && attempts == 0) { // the login was lost and came back on the same connection
                    log.info("{}: logged in again in {}", address, seconds(nanoTime.getAsLong() - outageStart));
                } else if (inOutage) {
                    log.info("{}: {} after {} in {}", address, everConnected ? "reconnected" : "connected",
                            plural(attempts, "attempt"), seconds(nanoTime.getAsLong() - outageStart));
                } else if (!everConnected) {
                    log.info("{}: connected{}", address, cause != null ? " (" + cause + ")" : "");
                } else {
                    debug(from, to, why);
                }
                everConnected = true;
                inOutage = false;
                suspectWarned = false;
                return;
            case RECONNECTING:
            case CREDENTIALS_SUSPECT:
            case LOGGING_IN:
                if (to == FoscSessionState.LOGGING_IN && cause == null) {
                    debug(from, to, why); // an ordinary step of an attempt
                    return;
                }
                boolean suspect = to == FoscSessionState.CREDENTIALS_SUSPECT;
                if (!inOutage) {
                    startOutage();
                    String what = to == FoscSessionState.LOGGING_IN ? "login lost, logging in again"
                            : !everConnected ? "cannot connect" : "connection lost";
                    if (suspect) {
                        suspectWarned = true;
                        log.warn("{}: credentials suspect{}{}", address, why, next);
                    } else {
                        log.info("{}: {}{}{}", address, what, why, next);
                    }
                } else if (suspect && !suspectWarned) {
                    suspectWarned = true;
                    log.warn("{}: credentials suspect{}{}", address, why, next);
                } else {
                    debug(from, to, why + next);
                }
                return;
            case DISCONNECTED:
                if (inOutage) {
                    log.info("{}: gave up after {} in {}{}", address, plural(attempts, "attempt"),
                            seconds(nanoTime.getAsLong() - outageStart), why);
                } else {
                    log.info("{}: disconnected, not reconnecting{}", address, why);
                }
                inOutage = false;
                return;
            case FAILED:
                log.warn("{}: {}{}", address, "login refused, session failed", why);
                return;
            default:
                debug(from, to, why);
        }
    }

    private void startOutage() {
        inOutage = true;
        outageStart = nanoTime.getAsLong();
        attempts = 0;
    }

    private void debug(FoscSessionState from, FoscSessionState to, String why) {
        if (log.isDebugEnabled()) {
            log.debug("{}: {} -> {}{}", address, from, to, why);
        }
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
