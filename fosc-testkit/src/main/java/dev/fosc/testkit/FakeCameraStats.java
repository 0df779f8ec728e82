package dev.fosc.testkit;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** A camera's counters: written on its event loop, read from any thread. */
final class FakeCameraStats {
    final AtomicInteger openConnections = new AtomicInteger();
    final AtomicInteger logins = new AtomicInteger();
    final AtomicInteger loginAttempts = new AtomicInteger();
    final AtomicInteger refusedLogins = new AtomicInteger();
    final AtomicLong videoFramesSent = new AtomicLong();
    final AtomicLong videoFramesSkipped = new AtomicLong();
    final AtomicLong audioFramesSent = new AtomicLong();
    final AtomicLong audioFramesDropped = new AtomicLong();
    final AtomicLong eventsDropped = new AtomicLong();
    final AtomicLong badInputs = new AtomicLong();
    final AtomicLong ignoredRequests = new AtomicLong();
}
