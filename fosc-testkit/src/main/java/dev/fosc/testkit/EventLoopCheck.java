package dev.fosc.testkit;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;

/**
 * Keeps the testkit's blocking methods off event-loop threads: blocking there stalls every connection of
 * that loop (a camera's own loop would even wait for itself). Stateless; any thread.
 */
final class EventLoopCheck {

    private EventLoopCheck() {
    }

    /**
     * Throws if the calling thread runs a Netty event executor.
     *
     * @param method the blocking method, for the message, e.g. {@code "FakeCamera.takeFrame"}
     * @throws IllegalStateException on an event-loop thread
     */
    static void refuseOnEventLoop(String method) {
        EventExecutor executor = ThreadExecutorMap.currentExecutor();
        if (executor != null) {
            throw new IllegalStateException(method + " blocks and must not be called on an event-loop thread ("
                    + Thread.currentThread().getName() + "): call it from a test or application thread");
        }
    }
}
