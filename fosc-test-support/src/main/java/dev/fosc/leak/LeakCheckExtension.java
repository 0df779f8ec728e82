package dev.fosc.leak;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;

/**
 * Fails a test class when Netty reported a leaked buffer while (or before) it ran. Registered for every
 * test class through JUnit's extension auto-detection (service file in this module; the parent pom turns
 * auto-detection on). After the class it runs the garbage collector a few times and allocates tracked
 * buffers, which makes Netty report every buffer that was collected without being released.
 *
 * <p>Also fails when leak detection is not at the paranoid level, so a misconfigured JVM cannot pass
 * silently.
 */
public final class LeakCheckExtension implements AfterAllCallback {

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (ResourceLeakDetector.getLevel() != ResourceLeakDetector.Level.PARANOID) {
            throw new AssertionError("Netty leak detection must be PARANOID in tests, is "
                    + ResourceLeakDetector.getLevel());
        }
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(20);
            provokeLeakReport(ByteBufAllocator.DEFAULT);
            provokeLeakReport(PooledByteBufAllocator.DEFAULT);
        }
        List<String> leaks = LeakFailingDetector.drainLeaks();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " Netty buffer leak(s) reported during or before "
                    + context.getDisplayName() + ":\n" + String.join("\n", leaks));
        }
    }

    private static void provokeLeakReport(ByteBufAllocator allocator) {
        // Netty drains its queue of collected-but-unreleased buffers when it tracks a new one.
        ByteBuf heap = allocator.heapBuffer(1);
        heap.release();
        ByteBuf direct = allocator.directBuffer(1);
        direct.release();
    }
}
