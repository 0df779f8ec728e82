package dev.fosc.leak;

import io.netty.util.ResourceLeakDetector;

import java.util.ArrayList;
import java.util.List;

/**
 * A Netty {@link ResourceLeakDetector} that remembers every leak it reports, so that a test run can fail
 * on it instead of only logging it. Installed in every test JVM through
 * {@code -Dio.netty.customResourceLeakDetector=dev.fosc.leak.LeakFailingDetector} together with
 * {@code -Dio.netty.leakDetection.level=paranoid} (see the parent pom); {@link LeakCheckExtension} reads it.
 *
 * <p>Thread-safe: Netty reports leaks from whichever thread allocates next.
 *
 * @param <T> the tracked resource type
 */
public final class LeakFailingDetector<T> extends ResourceLeakDetector<T> {

    private static final List<String> LEAKS = new ArrayList<>();

    /** The constructor Netty's {@code ResourceLeakDetectorFactory} tries first, reflectively. */
    public LeakFailingDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
        super(resourceType, samplingInterval);
    }

    /** The constructor Netty's {@code ResourceLeakDetectorFactory} falls back to, reflectively. */
    public LeakFailingDetector(Class<?> resourceType, int samplingInterval) {
        super(resourceType, samplingInterval);
    }

    @Override
    protected boolean needReport() {
        return true; // report even when the logger is quiet: the test run must see every leak
    }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
        record("LEAK of " + resourceType + ":" + records);
        super.reportTracedLeak(resourceType, records);
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
        record("LEAK of " + resourceType + " (no records)");
        super.reportUntracedLeak(resourceType);
    }

    private static void record(String leak) {
        synchronized (LEAKS) {
            LEAKS.add(leak);
        }
    }

    /** Returns the leaks reported since the last call, and forgets them. */
    public static List<String> drainLeaks() {
        synchronized (LEAKS) {
            List<String> copy = new ArrayList<>(LEAKS);
            LEAKS.clear();
            return copy;
        }
    }
}
