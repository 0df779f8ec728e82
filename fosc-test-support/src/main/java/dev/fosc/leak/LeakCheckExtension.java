package dev.fosc.leak;

import io.netty.util.LeakPresenceDetector;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when a Netty buffer allocated during (or before) it is still unreleased once it has
 * finished. Registered for every test class through JUnit's extension auto-detection (service file in
 * this module; the parent pom turns auto-detection on), so it runs after the class's own {@code @AfterAll}
 * methods and after the other extensions' (which close cameras and clients).
 *
 * <p>The check is Netty's deterministic {@link LeakPresenceDetector} (installed as
 * {@link FoscLeakPresenceDetector}): it counts every buffer handed out and every release, and needs no
 * garbage collection. Because it counts what is open <em>now</em>, everything a class started must be shut
 * down by the time it ends; the check waits up to {@link #SETTLE_MILLIS} ms for releases that happen on an
 * event loop just after the last test returned, then fails if the count is not zero.
 *
 * <p>Also fails when the detector is not installed, so a misconfigured JVM cannot pass silently.
 */
public final class LeakCheckExtension implements AfterAllCallback {

    /** How long the check waits for buffers still being released on event loops. */
    static final long SETTLE_MILLIS = Long.getLong("fosc.leak.settleMillis", 5_000);

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        verifyNoOpenBuffers(context.getDisplayName(), SETTLE_MILLIS);
    }

    /**
     * Waits up to {@code settleMillis} ms for every tracked buffer to be released, then checks.
     *
     * @param what names what ran, for the failure message
     * @param settleMillis how long to wait for releases
     * @throws AssertionError if a buffer is still open, or the detector is not installed
     */
    static void verifyNoOpenBuffers(String what, long settleMillis) throws InterruptedException {
        if (!FoscLeakPresenceDetector.installed()) {
            throw new AssertionError("Netty's leak presence detector must be installed in tests: run with "
                    + "-Dio.netty.customResourceLeakDetector=" + FoscLeakPresenceDetector.class.getName());
        }
        long deadline = System.nanoTime() + settleMillis * 1_000_000L;
        while (FoscLeakPresenceDetector.hasOpenResources() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        try {
            LeakPresenceDetector.check();
        } catch (IllegalStateException e) {
            throw new AssertionError("Netty buffer leak: buffers allocated during or before " + what
                    + " were still unreleased " + settleMillis + " ms after it ended. " + e.getMessage()
                    + " (-Dio.netty.util.LeakPresenceDetector.trackCreationStack=true shows where they were"
                    + " allocated)", e);
        }
    }
}
