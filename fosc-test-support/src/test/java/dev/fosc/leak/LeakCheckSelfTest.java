package dev.fosc.leak;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The leak check itself: a deliberately leaked buffer (whole, or a retained slice of a released one) is
 * reported, at once and without garbage collection; a released one is not. See {@link LeakDemoTest} for a
 * leak that fails the build.
 */
class LeakCheckSelfTest {

    private static final ByteBufAllocator[] ALLOCATORS = {ByteBufAllocator.DEFAULT, PooledByteBufAllocator.DEFAULT,
        UnpooledByteBufAllocator.DEFAULT};

    @Test
    void theDetectorIsInstalledAndNothingIsOpenAtTheStart() throws Exception {
        assertTrue(FoscLeakPresenceDetector.installed(), "the parent pom's argLine installs the detector");
        LeakCheckExtension.verifyNoOpenBuffers("the start of the self-test", 0);
    }

    @Test
    void aReleasedBufferIsNotOpen() throws Exception {
        for (ByteBufAllocator alloc : ALLOCATORS) {
            // Netty tracks no unpooled heap buffer, with any detector (they need no release to be freed)
            boolean[] kinds = alloc instanceof UnpooledByteBufAllocator ? new boolean[] {true}
                    : new boolean[] {true, false};
            for (boolean direct : kinds) {
                ByteBuf buf = direct ? alloc.directBuffer(64) : alloc.heapBuffer(64);
                assertTrue(FoscLeakPresenceDetector.hasOpenResources(), alloc + ": an allocated buffer is counted");
                buf.release();
                assertFalse(FoscLeakPresenceDetector.hasOpenResources(), alloc + ": a released one is not");
            }
        }
        LeakCheckExtension.verifyNoOpenBuffers("releasing every buffer", 0);
    }

    @Test
    void aDeliberatelyLeakedBufferIsReported() {
        ByteBuf leaked = ByteBufAllocator.DEFAULT.directBuffer(64).writeLong(42);
        assertTrue(FoscLeakPresenceDetector.hasOpenResources());
        AssertionError e = assertThrows(AssertionError.class,
                () -> LeakCheckExtension.verifyNoOpenBuffers("the deliberate leak", 20));
        assertTrue(e.getMessage().contains("Netty buffer leak"), e.getMessage());
        // The check consumed the count of the leaked buffer: releasing it now would make the count negative
        // (which the next check reports too). It is left to the garbage collector.
        assertTrue(leaked.refCnt() == 1);
    }

    @Test
    void aLeakedRetainedSliceOfAReleasedBufferIsReported() {
        ByteBuf whole = ByteBufAllocator.DEFAULT.directBuffer(64).writeZero(64);
        ByteBuf slice = whole.retainedSlice(0, 36); // what a media message holds
        whole.release();
        assertTrue(FoscLeakPresenceDetector.hasOpenResources(), "the slice is counted on its own");
        assertThrows(AssertionError.class, () -> LeakCheckExtension.verifyNoOpenBuffers("the leaked slice", 20));
        assertTrue(slice.refCnt() == 1);
    }
}
