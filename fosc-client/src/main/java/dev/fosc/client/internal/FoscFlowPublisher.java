package dev.fosc.client.internal;

import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.function.Predicate;

/**
 * A {@link Flow.Publisher} of one session's items (video frames, audio frames or events) with a bounded buffer
 * per subscriber.
 *
 * <ul>
 *   <li>Every signal to a subscriber runs on the session's event loop; {@code request} and {@code cancel} may be
 *       called from any thread and are handed to it.</li>
 *   <li>Reference-counted items are retained while buffered and released right after {@code onNext} returns
 *       (borrowed delivery), or when the subscription is cancelled or the publisher terminates.</li>
 *   <li>A buffer reaching the high water mark reports {@link FoscBackPressure#subscriberFull()} (the session
 *       pauses reading) and draining to the low mark {@link FoscBackPressure#subscriberDrained()}. With
 *       {@code dropUntilKey} a full buffer instead drops items until one that {@code isKey} accepts fits again.
 *       Beyond the hard cap, items are dropped and counted.</li>
 *   <li>An exception thrown by {@code onNext} is logged; the item is released and delivery goes on.</li>
 * </ul>
 *
 * @param <T> the item type
 */
final class FoscFlowPublisher<T> implements Flow.Publisher<T> {

    private static final Logger LOG = LoggerFactory.getLogger(FoscFlowPublisher.class);

    private final EventLoop loop;
    private final String name;
    private final int highWaterMark;
    private final int lowWaterMark;
    private final int maxBuffered;
    private final Predicate<T> isKey;
    private final FoscBackPressure pressure;
    private final List<Sub> subscriptions = new ArrayList<>();
    private Object[] snapshot = new Object[0];
    private boolean terminated;
    private Throwable failure;

    /**
     * @param name for logs: the camera address and the stream kind
     * @param isKey {@code null} to pause reading when full; otherwise drop until an item it accepts fits
     */
    FoscFlowPublisher(EventLoop loop, String name, int highWaterMark, int lowWaterMark, int maxBuffered,
                      Predicate<T> isKey, FoscBackPressure pressure) {
        this.loop = loop;
        this.name = name;
        this.highWaterMark = highWaterMark;
        this.lowWaterMark = lowWaterMark;
        this.maxBuffered = maxBuffered;
        this.isKey = isKey;
        this.pressure = pressure;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super T> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        loop.execute(() -> {
            Sub sub = new Sub(subscriber);
            if (!terminated) {
                subscriptions.add(sub);
                snapshot = subscriptions.toArray();
            }
            try {
                subscriber.onSubscribe(sub);
            } catch (Throwable t) {
                LOG.warn("{}: onSubscribe threw", name, t);
                sub.cancelNow();
                return;
            }
            if (terminated) {
                sub.terminate(failure);
            }
        });
    }

    /** Whether anyone subscribes. Event loop only. */
    boolean hasSubscribers() {
        return !subscriptions.isEmpty();
    }

    /** Offers {@code item} to every subscriber (each buffered copy is a retain). Event loop only. */
    @SuppressWarnings("unchecked")
    void offer(T item) {
        if (terminated) {
            return;
        }
        for (Object sub : snapshot) { // a copy: a subscriber may cancel while we iterate
            ((Sub) sub).offer(item);
        }
    }

    /** Completes every subscriber (buffered items are released). Event loop only; idempotent. */
    void complete() {
        terminate(null);
    }

    /** Fails every subscriber with {@code cause} (buffered items are released). Event loop only; idempotent. */
    void fail(Throwable cause) {
        terminate(cause);
    }

    private void terminate(Throwable cause) {
        if (terminated) {
            return;
        }
        terminated = true;
        failure = cause;
        List<Sub> subs = new ArrayList<>(subscriptions);
        subscriptions.clear();
        snapshot = new Object[0];
        for (Sub sub : subs) {
            sub.terminate(cause);
        }
    }

    private final class Sub implements Flow.Subscription {
        private final Flow.Subscriber<? super T> subscriber;
        private final ArrayDeque<T> buffer = new ArrayDeque<>();
        private long demand;
        private boolean cancelled;
        private boolean draining;
        private boolean full;
        private boolean dropping;

        Sub(Flow.Subscriber<? super T> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (loop.inEventLoop()) {
                doRequest(n);
            } else {
                loop.execute(() -> doRequest(n));
            }
        }

        @Override
        public void cancel() {
            if (loop.inEventLoop()) {
                cancelNow();
            } else {
                loop.execute(this::cancelNow);
            }
        }

        private void doRequest(long n) {
            if (cancelled) {
                return;
            }
            if (n <= 0) {
                cancelNow();
                signalError(new IllegalArgumentException("Flow.Subscription.request(" + n + "): n must be positive"));
                return;
            }
            demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
            drain();
        }

        void offer(T item) {
            if (cancelled) {
                return;
            }
            if (isKey != null) {
                if (dropping) {
                    if (isKey.test(item) && buffer.size() < highWaterMark) {
                        dropping = false;
                    } else {
                        pressure.dropped(true);
                        return;
                    }
                } else if (buffer.size() >= highWaterMark) {
                    dropping = true;
                    pressure.dropped(true);
                    return;
                }
            }
            if (buffer.size() >= maxBuffered) {
                pressure.dropped(false);
                return;
            }
            buffer.add(retain(item));
            drain();
            updatePressure();
        }

        private void drain() {
            if (draining) {
                return;
            }
            draining = true;
            try {
                while (demand > 0 && !cancelled && !buffer.isEmpty()) {
                    T item = buffer.poll();
                    if (demand != Long.MAX_VALUE) {
                        demand--;
                    }
                    try {
                        subscriber.onNext(item);
                    } catch (Throwable t) {
                        LOG.warn("{}: a subscriber's onNext threw; the item was released", name, t);
                    } finally {
                        ReferenceCountUtil.release(item);
                    }
                }
            } finally {
                draining = false;
            }
            updatePressure();
        }

        private void updatePressure() {
            if (isKey != null) {
                return;
            }
            if (!full && !cancelled && buffer.size() >= highWaterMark) {
                full = true;
                pressure.subscriberFull();
            } else if (full && (cancelled || buffer.size() <= lowWaterMark)) {
                full = false;
                pressure.subscriberDrained();
            }
        }

        void cancelNow() {
            if (cancelled) {
                return;
            }
            cancelled = true;
            if (subscriptions.remove(this)) {
                snapshot = subscriptions.toArray();
            }
            releaseBuffer();
            updatePressure();
        }

        void terminate(Throwable cause) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            releaseBuffer();
            updatePressure();
            if (cause == null) {
                try {
                    subscriber.onComplete();
                } catch (Throwable t) {
                    LOG.warn("{}: a subscriber's onComplete threw", name, t);
                }
            } else {
                signalError(cause);
            }
        }

        private void signalError(Throwable cause) {
            try {
                subscriber.onError(cause);
            } catch (Throwable t) {
                LOG.warn("{}: a subscriber's onError threw", name, t);
            }
        }

        private void releaseBuffer() {
            for (T item; (item = buffer.poll()) != null; ) {
                ReferenceCountUtil.release(item);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T retain(T item) {
        return (T) ReferenceCountUtil.retain(item);
    }
}
