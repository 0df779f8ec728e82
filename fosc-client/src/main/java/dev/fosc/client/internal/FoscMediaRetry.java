package dev.fosc.client.internal;

import dev.fosc.client.FoscProtocolException;
import dev.fosc.client.FoscRequestTimeoutException;
import dev.fosc.client.FoscSession;
import dev.fosc.codec.FoscMalformedPayloadException;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Asks again for media the session wants and does not get, on a connection that stays open: one instance for video
 * (VIDEO_ON), one for audio (AUDIO_ON).
 *
 * <p>The rule. A <em>miss</em> is a VIDEO_ON (AUDIO_ON) that got no reply within the request timeout or a malformed
 * one, or that was accepted (status 0) while no frame of that medium followed within the start timeout with reading
 * on (what an R2C does with the wrong stream byte). After miss {@code n} the request is sent again after
 * {@code retryDelay × 2^(n-1)} (1 s, 2 s, 4 s with the defaults), up to {@code retries} times; the next miss closes
 * the connection with a {@link FoscProtocolException}, and the session reconnects with its backoff and asks once
 * more after the login. The one exception: audio accepted but silent is asked again, never reconnected for (a camera
 * without a microphone must not lose its video for it). A refusal (status not 0) is the camera's answer and is not
 * retried; a frame of the medium, a changed wish or a lost connection starts the count over. While reading is paused
 * (a slow subscriber) neither silence nor a timed-out request is counted (the reply may sit unread): the silence
 * check waits for reading to resume.
 *
 * <p>Threading: used only on the session's event loop; its timers run there. No locks.
 */
final class FoscMediaRetry {

    private static final Logger LOG = LoggerFactory.getLogger(FoscSession.class);

    private final EventLoop loop;
    private final String address;
    private final String request;
    private final String medium;
    private final boolean reconnectsOnSilence;
    private final Duration retryDelay;
    private final int retries;
    private final Duration startTimeout;
    private final BooleanSupplier readingPaused;
    private final Runnable silenceSeen;

    private int misses;
    private ScheduledFuture<?> timer;

    /**
     * @param request the request's name ("VIDEO_ON")
     * @param medium what it turns on ("video")
     * @param reconnectsOnSilence whether an accepted request followed by silence counts towards the reconnect
     * @param readingPaused true while the session does not read (silence is then not the camera's)
     * @param silenceSeen told when an accepted request is followed by silence with reading on, before it counts
     */
    FoscMediaRetry(EventLoop loop, String address, String request, String medium, boolean reconnectsOnSilence,
                   Duration retryDelay, int retries, Duration startTimeout, BooleanSupplier readingPaused,
                   Runnable silenceSeen) {
        this.loop = loop;
        this.address = address;
        this.request = request;
        this.medium = medium;
        this.reconnectsOnSilence = reconnectsOnSilence;
        this.retryDelay = retryDelay;
        this.retries = retries;
        this.startTimeout = startTimeout;
        this.readingPaused = readingPaused;
        this.silenceSeen = silenceSeen;
    }

    /** Misses in a row so far (for tests). */
    int misses() {
        return misses;
    }

    /**
     * The request sent on a connection completed: accepted ({@code error == null}) or failed.
     *
     * @param resend sends the request again on that connection, if it is still wanted and still the media connection
     * @param reconnect closes that connection with the given cause (the session then reconnects)
     */
    void answered(Throwable error, Runnable resend, Consumer<Throwable> reconnect) {
        cancelTimer();
        if (error == null) {
            timer = loop.schedule(() -> silent(resend, reconnect), startTimeout.toNanos(), TimeUnit.NANOSECONDS);
            return;
        }
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (e instanceof FoscRequestTimeoutException && readingPaused.getAsBoolean()) {
            // the reply may sit unread behind our own pause: not the camera's miss; if media does not come once
            // reading is on again, the silence counts
            timer = loop.schedule(() -> silent(resend, reconnect), startTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } else if (e instanceof FoscRequestTimeoutException || e instanceof FoscMalformedPayloadException) {
            missed(resend, reconnect, true, "no valid reply to " + request);
        }
    }

    /** A frame of the medium arrived: the count starts over. */
    void arrived() {
        if (misses != 0 || timer != null) {
            misses = 0;
            cancelTimer();
        }
    }

    /** The wish changed or the connection is gone: no more retries for what was. */
    void reset() {
        misses = 0;
        cancelTimer();
    }

    private void silent(Runnable resend, Consumer<Throwable> reconnect) {
        timer = null;
        if (readingPaused.getAsBoolean()) { // our own doing: look again later
            timer = loop.schedule(() -> silent(resend, reconnect), startTimeout.toNanos(), TimeUnit.NANOSECONDS);
            return;
        }
        silenceSeen.run();
        missed(resend, reconnect, reconnectsOnSilence, request + " accepted but no " + medium + " within "
                + startTimeout.toMillis() + " ms");
    }

    private void missed(Runnable resend, Consumer<Throwable> reconnect, boolean mayReconnect, String why) {
        misses++;
        if (misses > retries) {
            misses = 0;
            if (mayReconnect) {
                reconnect.accept(new FoscProtocolException("camera " + address + " sent no " + medium + " after "
                        + (retries + 1) + " " + request + " requests (" + why + "): reconnecting"));
            } else {
                LOG.warn("{}: {} after {} requests; not asking again on this connection", address, why,
                        retries + 1);
            }
            return;
        }
        long delay = retryDelay.toNanos() << Math.min(misses - 1, 20);
        LOG.debug("{}: {} (miss {} of {}); asking again in {} ms", address, why, misses, retries + 1,
                TimeUnit.NANOSECONDS.toMillis(delay));
        timer = loop.schedule(() -> {
            timer = null;
            resend.run();
        }, delay, TimeUnit.NANOSECONDS);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
