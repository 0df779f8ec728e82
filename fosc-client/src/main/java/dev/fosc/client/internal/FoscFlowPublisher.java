package dev.fosc.client.internal;

import dev.fosc.client.FoscSessionClosedException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.EventLoop;
import io.netty.util.IllegalReferenceCountException;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;

/**
 * A {@link Flow.Publisher} of one session's items (video frames, audio frames or events) with a buffer per
 * subscriber bounded in items and in bytes.
 *
 * <ul>
 *   <li>Every signal to a subscriber runs on the session's event loop; {@code request} and {@code cancel} may be
 *       called from any thread and are handed to it. Once that loop is shut down, {@code subscribe} signals
 *       {@code onSubscribe} then {@code onError(FoscSessionClosedException)} on the caller's thread, and
 *       {@code request}/{@code cancel} do nothing.</li>
 *   <li>Reference-counted items are retained while buffered and released right after {@code onNext} returns
 *       (borrowed delivery), or when the subscription is cancelled or the publisher terminates.</li>
 *   <li>Bytes are counted as what the buffered items keep from being freed: an item that retains a slice of a
 *       received buffer pins that whole buffer, so it counts the capacity of the root buffer (found by unwrapping
 *       the slice), once per root: the root's bytes are attributed to the newest buffered item from that root,
 *       and, the buffer being FIFO, they are released exactly when the last item of that root leaves. An item's
 *       own bytes (decoded PCM, or a nominal size for an event) come on top ({@link Weigher}). A root shared by
 *       two subscribers is counted by each.</li>
 *   <li>A buffer reaching a high water mark (items or bytes) reports {@link FoscBackPressure#subscriberFull()}
 *       (the session pauses reading) and draining to both low marks {@link FoscBackPressure#subscriberDrained()}.
 *       With {@code dropUntilKey} a full buffer instead drops items until one that {@code isKey} accepts comes
 *       while the buffer is below both high marks. Beyond a hard cap (items, or bytes for a non-empty buffer:
 *       an item always fits an empty buffer), items are dropped and counted.</li>
 *   <li>An exception thrown by {@code onNext} ({@code Error}s included) is logged; the item is released and
 *       delivery goes on. An item the subscriber released itself (it was only borrowed) makes the publisher's
 *       release fail: that is reported to {@link FoscBackPressure#borrowedItemReleased}, not thrown.</li>
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
    private final long highWaterMarkBytes;
    private final long lowWaterMarkBytes;
    private final long maxBufferedBytes;
    private final Weigher<? super T> weigher;
    private final Predicate<T> isKey;
    private final FoscBackPressure pressure;
    private final List<Sub> subscriptions = new ArrayList<>();
    private Object[] snapshot = new Object[0];
    private boolean terminated;
    private Throwable failure;
    /**
     * The bytes all subscribers' buffers hold; written on the loop only (with release semantics: no fence per
     * buffered item), read from any thread.
     */
    private volatile long bufferedBytes;
    private static final VarHandle BUFFERED_BYTES;

    static {
        try {
            BUFFERED_BYTES = MethodHandles.lookup().findVarHandle(FoscFlowPublisher.class, "bufferedBytes", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** What one buffered item holds. Called on the event loop. */
    interface Weigher<T> {
        /**
         * The buffer of which the item retains a slice (its root buffer is pinned while the item is buffered),
         * or {@code null}.
         */
        ByteBuf sharedBuffer(T item);

        /** The bytes the item holds of its own, besides the shared buffer: decoded PCM, a nominal size. */
        int ownBytes(T item);
    }

    /**
     * @param name for logs: the camera address and the stream kind
     * @param highWaterMark items at which the buffer is full
     * @param lowWaterMark items at or below which a full buffer is drained
     * @param maxBuffered items beyond which items are dropped
     * @param highWaterMarkBytes bytes at which the buffer is full
     * @param lowWaterMarkBytes bytes at or below which a full buffer is drained
     * @param maxBufferedBytes bytes beyond which items are dropped (an item always fits an empty buffer)
     * @param weigher what an item holds
     * @param isKey {@code null} to pause reading when full; otherwise drop until an item it accepts fits
     */
    FoscFlowPublisher(EventLoop loop, String name, int highWaterMark, int lowWaterMark, int maxBuffered,
                      long highWaterMarkBytes, long lowWaterMarkBytes, long maxBufferedBytes,
                      Weigher<? super T> weigher, Predicate<T> isKey, FoscBackPressure pressure) {
        this.loop = loop;
        this.name = name;
        this.highWaterMark = highWaterMark;
        this.lowWaterMark = lowWaterMark;
        this.maxBuffered = maxBuffered;
        this.highWaterMarkBytes = highWaterMarkBytes;
        this.lowWaterMarkBytes = lowWaterMarkBytes;
        this.maxBufferedBytes = maxBufferedBytes;
        this.weigher = weigher;
        this.isKey = isKey;
        this.pressure = pressure;
    }

    /**
     * The bytes the subscribers' buffers hold now (a root buffer shared by two subscribers counted by each). Any
     * thread.
     */
    long bufferedBytes() {
        return bufferedBytes;
    }

    /** The buffer {@code buf} is a slice (or a slice of a slice...) of: the one whose memory it pins. */
    static ByteBuf root(ByteBuf buf) {
        ByteBuf root = buf;
        for (ByteBuf parent = root.unwrap(); parent != null; parent = parent.unwrap()) {
            root = parent;
        }
        return root;
    }

    /**
     * The memory {@code root} keeps from being freed: its capacity, or for a composite (a frame whose data arrived in
     * several reads) the capacities of the buffers its pieces are slices of, each receive buffer counted once.
     */
    static long pinnedBytes(ByteBuf root) {
        if (!(root instanceof CompositeByteBuf)) {
            return root.capacity();
        }
        CompositeByteBuf composite = (CompositeByteBuf) root;
        long bytes = 0;
        for (int i = 0; i < composite.numComponents(); i++) {
            ByteBuf pinned = root(composite.internalComponent(i));
            boolean seen = false;
            for (int j = 0; j < i && !seen; j++) { // a few pieces: no set needed
                seen = root(composite.internalComponent(j)) == pinned;
            }
            if (!seen) {
                bytes += pinnedBytes(pinned);
            }
        }
        return bytes;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super T> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        Runnable subscribe = () -> {
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
        };
        try {
            loop.execute(subscribe);
        } catch (RejectedExecutionException e) {
            // the event loop is shut down: nothing will ever be delivered; tell the subscriber (rule 1.9: an
            // onSubscribe first), on this thread since there is no loop to do it on
            rejected(subscriber);
        }
    }

    private void rejected(Flow.Subscriber<? super T> subscriber) {
        try {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            subscriber.onError(new FoscSessionClosedException(name + ": the session's event loop is shut down"));
        } catch (Throwable t) {
            LOG.warn("{}: a subscriber threw while being told the event loop is shut down", name, t);
        }
    }

    /** Runs {@code task} on the loop; dropped when the loop is shut down (nothing is delivered any more). */
    private void onLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
            return;
        }
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("{}: the event loop is shut down; request/cancel ignored", name);
        }
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
            try {
                ((Sub) sub).offer(item);
            } catch (IllegalReferenceCountException e) {
                // thrown before that subscriber's buffer changed: an earlier subscriber released the item in its
                // onNext (it was only borrowed), so it is dead and nobody else can have it
                pressure.borrowedItemReleased(name + " item (in onNext, before every subscriber had it)", e);
                return;
            }
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
        private final ArrayDeque<Entry<T>> buffer = new ArrayDeque<>();
        /** The newest buffered entry of each pinned root buffer: the one carrying the root's bytes. */
        private final Map<ByteBuf, Entry<T>> newestByRoot = new IdentityHashMap<>();
        private long bytes;
        private long demand;
        private boolean cancelled;
        private boolean draining;
        private boolean full;
        private boolean dropping;
        /** A terminal signal that came while onNext ran (the session closed from inside it): sent after. */
        private boolean terminalPending;
        private Throwable terminalCause;

        Sub(Flow.Subscriber<? super T> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            onLoop(() -> doRequest(n));
        }

        @Override
        public void cancel() {
            onLoop(this::cancelNow);
        }

        private void doRequest(long n) {
            if (cancelled) {
                return;
            }
            if (n <= 0) {
                cancelNow();
                signalTerminal(new IllegalArgumentException("Flow.Subscription.request(" + n
                        + "): non-positive subscription request (Reactive Streams rule 3.9)"));
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
                    if (isKey.test(item) && !aboveHighMark()) {
                        dropping = false;
                    } else {
                        pressure.dropped(true);
                        return;
                    }
                } else if (aboveHighMark()) {
                    dropping = true;
                    pressure.dropped(true);
                    return;
                }
            }
            ByteBuf shared = weigher.sharedBuffer(item);
            ByteBuf root = shared != null ? root(shared) : null;
            Entry<T> sameRoot = root != null ? newestByRoot.get(root) : null;
            long rootBytes = root == null ? 0 : sameRoot != null ? sameRoot.rootBytes : pinnedBytes(root);
            long own = weigher.ownBytes(item);
            long added = own + (sameRoot != null ? 0 : rootBytes);
            if (buffer.size() >= maxBuffered || !buffer.isEmpty() && bytes + added > maxBufferedBytes) {
                pressure.dropped(false);
                return;
            }
            Entry<T> entry = new Entry<>(retain(item), root, rootBytes, own);
            if (sameRoot != null) {
                sameRoot.rootBytes = 0; // the root's bytes go with its newest item, which leaves last
            }
            if (root != null) {
                newestByRoot.put(root, entry);
            }
            buffer.add(entry);
            addBytes(added);
            drain();
            updatePressure();
        }

        private boolean aboveHighMark() {
            return buffer.size() >= highWaterMark || bytes >= highWaterMarkBytes;
        }

        /** Takes the oldest entry out of the buffer, releasing its bytes; the caller owns the item's retain. */
        private T poll() {
            Entry<T> entry = buffer.poll();
            if (entry == null) {
                return null;
            }
            if (entry.root != null && newestByRoot.get(entry.root) == entry) {
                newestByRoot.remove(entry.root);
            }
            addBytes(-(entry.rootBytes + entry.ownBytes));
            return entry.item;
        }

        private void addBytes(long delta) {
            bytes += delta;
            BUFFERED_BYTES.setRelease(FoscFlowPublisher.this, bufferedBytes + delta); // single writer: the loop
        }

        private void drain() {
            if (draining) {
                return;
            }
            draining = true;
            try {
                while (demand > 0 && !cancelled && !buffer.isEmpty()) {
                    T item = poll();
                    if (demand != Long.MAX_VALUE) {
                        demand--;
                    }
                    try {
                        subscriber.onNext(item);
                    } catch (Throwable t) {
                        LOG.warn("{}: a subscriber's onNext threw; the item was released", name, t);
                    } finally {
                        releaseOwn(item, "in onNext");
                    }
                }
            } finally {
                draining = false;
            }
            updatePressure();
            if (terminalPending) {
                terminalPending = false;
                signalTerminal(terminalCause);
            }
        }

        private void updatePressure() {
            if (isKey != null) {
                return;
            }
            if (!full && !cancelled && aboveHighMark()) {
                full = true;
                pressure.subscriberFull();
            } else if (full && (cancelled || buffer.size() <= lowWaterMark && bytes <= lowWaterMarkBytes)) {
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
            signalTerminal(cause);
        }

        /**
         * onComplete ({@code cause == null}) or onError, but never while this subscriber's onNext runs (rule 1.3:
         * signals are serial): then it is sent once onNext has returned.
         */
        private void signalTerminal(Throwable cause) {
            if (draining) {
                terminalPending = true;
                terminalCause = cause;
                return;
            }
            try {
                if (cause == null) {
                    subscriber.onComplete();
                } else {
                    subscriber.onError(cause);
                }
            } catch (Throwable t) {
                LOG.warn("{}: a subscriber's {} threw", name, cause == null ? "onComplete" : "onError", t);
            }
        }

        private void releaseBuffer() {
            for (T item; (item = poll()) != null; ) {
                releaseOwn(item, "while buffered");
            }
        }
    }

    /**
     * Releases the publisher's retain of {@code item}. If a subscriber released the item although it only borrowed
     * it (an application bug), this release fails: that is reported to {@link FoscBackPressure#borrowedItemReleased},
     * never thrown, so that delivery, cancellation and termination go on.
     */
    private void releaseOwn(T item, String where) {
        try {
            ReferenceCountUtil.release(item);
        } catch (IllegalReferenceCountException e) {
            pressure.borrowedItemReleased(name + " item (" + where + ")", e);
        }
    }

    /** A buffered item and the bytes it accounts for. */
    private static final class Entry<T> {
        final T item;
        /** The root buffer the item pins, or {@code null}. */
        final ByteBuf root;
        /** The root's pinned bytes ({@link #pinnedBytes}) while this is the newest entry of that root, else 0. */
        long rootBytes;
        final long ownBytes;

        Entry(T item, ByteBuf root, long rootBytes, long ownBytes) {
            this.item = item;
            this.root = root;
            this.rootBytes = rootBytes;
            this.ownBytes = ownBytes;
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T retain(T item) {
        return (T) ReferenceCountUtil.retain(item);
    }
}
