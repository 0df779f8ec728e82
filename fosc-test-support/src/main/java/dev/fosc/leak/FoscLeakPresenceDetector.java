package dev.fosc.leak;

import io.netty.util.LeakPresenceDetector;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;

/**
 * Netty's deterministic {@link LeakPresenceDetector}, unchanged except that the open-resource count of its
 * (single, global) scope can be read without resetting it. Installed in every test JVM through
 * {@code -Dio.netty.customResourceLeakDetector=dev.fosc.leak.FoscLeakPresenceDetector} (see the parent
 * pom); {@link LeakCheckExtension} waits until {@link #hasOpenResources()} is false (a channel closing on
 * an event loop releases its buffers a moment after the test returns) and then calls
 * {@link LeakPresenceDetector#check()}, which fails when any tracked buffer is still unreleased.
 *
 * <p>Why a subclass: {@link LeakPresenceDetector#check()} resets the count as it reads it, so it cannot
 * be polled; {@code ResourceScope.hasOpenResources()} can, but the scope is only reachable through the
 * protected {@code currentScope()}.
 *
 * <p>Every buffer a {@link io.netty.buffer.ByteBufAllocator} hands out is counted (no sampling), whatever
 * {@code io.netty.leakDetection.level} says; buffers created in a static initializer wrapped in
 * {@link LeakPresenceDetector#staticInitializer} are not (Netty wraps its own, e.g. HttpObjectEncoder's).
 *
 * @param <T> the tracked resource type
 */
public final class FoscLeakPresenceDetector<T> extends LeakPresenceDetector<T> {

    /** The constructor Netty's {@code ResourceLeakDetectorFactory} tries first, reflectively. */
    public FoscLeakPresenceDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
        super(resourceType);
    }

    /** The constructor Netty's {@code ResourceLeakDetectorFactory} falls back to, reflectively. */
    public FoscLeakPresenceDetector(Class<?> resourceType, int samplingInterval) {
        super(resourceType);
    }

    /** Whether this detector is the one Netty uses in this JVM. */
    public static boolean installed() {
        return current() != null;
    }

    /**
     * Whether any tracked resource is open (allocated and not yet released) in this JVM.
     *
     * @throws IllegalStateException if this detector is not installed
     */
    public static boolean hasOpenResources() {
        FoscLeakPresenceDetector<Object> d = current();
        if (d == null) {
            throw new IllegalStateException("FoscLeakPresenceDetector is not installed: run with "
                    + "-Dio.netty.customResourceLeakDetector=" + FoscLeakPresenceDetector.class.getName());
        }
        return d.currentScope().hasOpenResources();
    }

    @SuppressWarnings("unchecked")
    private static FoscLeakPresenceDetector<Object> current() {
        // cheap: the factory only instantiates a detector, the count lives in the static global scope
        ResourceLeakDetector<Object> d = ResourceLeakDetectorFactory.instance().newResourceLeakDetector(Object.class);
        return d instanceof FoscLeakPresenceDetector ? (FoscLeakPresenceDetector<Object>) d : null;
    }
}
