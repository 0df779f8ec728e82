package dev.fosc.client.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link dev.fosc.client.FoscTalk#subscriber()}: writes a publisher's PCM into its talk with back-pressure. It asks
 * for one item at a time, and only while the talk can take more without overflowing or falling behind
 * ({@link DefaultFoscTalk#subscriberRoom()}); the part of an item that does not fit is copied aside and moved in as
 * the pacer makes room, before the next item is requested. So a publisher that honours demand never loses audio,
 * and the subscriber holds at most one item beyond the talk buffer.
 *
 * <p>{@code onComplete} closes the talk gracefully once the last item is in; {@code onError} does the same (what was
 * received is played). A second subscription is cancelled.
 *
 * <p>Threading: the publisher calls it from any thread, serially (Reactive Streams rule 1.3); the pacer calls
 * {@link #roomFreed()} on the event loop. State is guarded by the instance's monitor; calls to the subscription
 * ({@code request}, {@code cancel}) are serialised by a work-in-progress counter and made without the monitor held.
 */
final class FoscTalkSubscriber implements Flow.Subscriber<ByteBuffer> {

    private static final Logger LOG = LoggerFactory.getLogger(FoscTalkSubscriber.class);

    private final DefaultFoscTalk talk;
    private final AtomicInteger wip = new AtomicInteger();

    private Flow.Subscription subscription;
    private boolean requested;
    private boolean completed;
    private boolean cancelled;
    private boolean cancelSent;
    private byte[] pending;
    private int pendingOffset;

    FoscTalkSubscriber(DefaultFoscTalk talk) {
        this.talk = talk;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        Objects.requireNonNull(s, "subscription");
        synchronized (this) {
            if (subscription != null) {
                LOG.debug("{}: a second subscription to the talk subscriber was cancelled", talk);
                s.cancel();
                return;
            }
            subscription = s;
            if (talk.isOver()) {
                cancelled = true;
            }
        }
        drive();
    }

    @Override
    public void onNext(ByteBuffer item) {
        Objects.requireNonNull(item, "item");
        synchronized (this) {
            requested = false;
            if (cancelled || completed) {
                return;
            }
            talk.acceptFromSubscriber(item);
            if (item.hasRemaining()) {
                pending = new byte[item.remaining()];
                item.get(pending);
                pendingOffset = 0;
            }
        }
        talk.wakeIfIdle();
        drive();
    }

    @Override
    public void onError(Throwable t) {
        LOG.debug("{}: the talk's publisher failed ({}); closing the talk after what it sent", talk, t.toString());
        onComplete();
    }

    @Override
    public void onComplete() {
        synchronized (this) {
            completed = true;
        }
        closeIfDrained();
    }

    /** The pacer took a frame (event loop): moves what waits aside into the talk, asks for more if there is room. */
    void roomFreed() {
        synchronized (this) {
            if (pending != null) {
                ByteBuffer rest = ByteBuffer.wrap(pending, pendingOffset, pending.length - pendingOffset);
                talk.acceptFromSubscriber(rest);
                pendingOffset = rest.position();
                if (!rest.hasRemaining()) {
                    pending = null;
                }
            }
        }
        closeIfDrained();
        drive();
    }

    /**
     * The talk is closing: nothing more is requested or taken (the subscription is cancelled), but what was received
     * and waits aside still moves in and plays.
     */
    void stop() {
        synchronized (this) {
            cancelled = true;
        }
        drive();
    }

    /** The talk ended: what waits aside is dropped; the subscription is cancelled. */
    void discard() {
        synchronized (this) {
            cancelled = true;
            pending = null;
        }
        drive();
    }

    /** Whether part of an item waits aside for room in the talk. */
    synchronized boolean hasPending() {
        return pending != null;
    }

    private void closeIfDrained() {
        boolean close;
        synchronized (this) {
            close = completed && pending == null && !cancelled;
        }
        if (close && !talk.isClosing()) {
            talk.close();
        }
    }

    /** Makes the calls to the subscription that are due, one thread at a time. */
    private void drive() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        do {
            Flow.Subscription s = null;
            boolean cancel = false;
            synchronized (this) {
                if (subscription != null) {
                    if (cancelled && !cancelSent) {
                        cancelSent = true;
                        cancel = true;
                        s = subscription;
                    } else if (!cancelled && !completed && !requested && pending == null
                            && talk.subscriberRoom() > 0) {
                        requested = true;
                        s = subscription;
                    }
                }
            }
            if (s != null) {
                try {
                    if (cancel) {
                        s.cancel();
                    } else {
                        s.request(1);
                    }
                } catch (RuntimeException e) {
                    LOG.warn("{}: the talk's publisher threw from {}: {}", talk, cancel ? "cancel" : "request",
                            e.toString());
                }
            }
        } while (wip.decrementAndGet() != 0);
    }
}
