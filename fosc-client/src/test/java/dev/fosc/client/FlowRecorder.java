package dev.fosc.client;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.function.Function;

/** A Flow subscriber for tests: records a description of each item (never the item), requests on demand. */
final class FlowRecorder<T> implements Flow.Subscriber<T> {

    final List<String> items = new CopyOnWriteArrayList<>();
    private final Function<T, String> describe;
    private volatile Flow.Subscription subscription;
    private long pendingRequest;
    volatile boolean completed;
    volatile Throwable error;

    FlowRecorder(Function<T, String> describe) {
        this.describe = describe;
    }

    @Override
    public synchronized void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (pendingRequest > 0) {
            s.request(pendingRequest);
        }
    }

    @Override
    public void onNext(T item) {
        items.add(describe.apply(item));
    }

    @Override
    public void onError(Throwable t) {
        error = t;
    }

    @Override
    public void onComplete() {
        completed = true;
    }

    synchronized void request(long n) {
        if (subscription != null) {
            subscription.request(n);
        } else {
            pendingRequest += n;
        }
    }
}
