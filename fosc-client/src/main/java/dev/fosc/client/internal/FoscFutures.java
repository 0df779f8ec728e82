package dev.fosc.client.internal;

import java.util.concurrent.CompletableFuture;

/**
 * Small {@link CompletableFuture} plumbing shared by the session classes. Stateless; thread-safe (callers complete
 * futures on the session's event loop).
 */
final class FoscFutures {

    private FoscFutures() {
    }

    /** Completes {@code to} as {@code from} completes. */
    static <T> void forward(CompletableFuture<T> from, CompletableFuture<T> to) {
        from.whenComplete((v, e) -> {
            if (e != null) {
                to.completeExceptionally(e);
            } else {
                to.complete(v);
            }
        });
    }

    /** Completes {@code f} normally, or exceptionally when {@code error} is not {@code null}. */
    static void complete(CompletableFuture<Void> f, Throwable error) {
        if (error != null) {
            f.completeExceptionally(error);
        } else {
            f.complete(null);
        }
    }
}
