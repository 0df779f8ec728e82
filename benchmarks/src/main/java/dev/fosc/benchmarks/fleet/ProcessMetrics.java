package dev.fosc.benchmarks.fleet;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.util.internal.PlatformDependent;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** This JVM's CPU time, per-thread CPU and allocation, heap after GC, direct memory, resident memory, load. */
public final class ProcessMetrics {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private ProcessMetrics() {
    }

    /** CPU time of the whole process (every thread: event loops, GC, JIT, this harness), in nanoseconds. */
    public static long processCpuNanos() {
        return OS.getProcessCpuTime();
    }

    /** Summed CPU time of {@code threadIds}, in nanoseconds. */
    static long threadCpuNanos(long[] threadIds) {
        long sum = 0;
        for (long id : threadIds) {
            sum += Math.max(0, THREADS.getThreadCpuTime(id));
        }
        return sum;
    }

    /** Summed bytes allocated on the heap by {@code threadIds} since they started. */
    static long threadAllocatedBytes(long[] threadIds) {
        long sum = 0;
        for (long a : THREADS.getThreadAllocatedBytes(threadIds)) {
            sum += Math.max(0, a);
        }
        return sum;
    }

    /** Heap in use after two explicit full collections (G1 collects fully on System.gc()). */
    public static long heapUsedAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * Direct memory in use: JDK direct ByteBuffers (with cleaners; Netty's allocators fall back to these) plus
     * the memory Netty allocates itself without cleaners, when it counts it.
     */
    public static long directBytes() {
        long sum = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                sum += pool.getMemoryUsed();
            }
        }
        long netty = PlatformDependent.usedDirectMemory();
        return sum + Math.max(0, netty);
    }

    /** Direct memory held by Netty's default allocator (its chunks, used or cached), or -1 if it does not say. */
    static long allocatorDirectBytes() {
        ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
        if (alloc instanceof ByteBufAllocatorMetricProvider) {
            return ((ByteBufAllocatorMetricProvider) alloc).metric().usedDirectMemory();
        }
        return -1;
    }

    /** Resident memory of the process (VmRSS), or -1 where /proc is missing. */
    public static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** Milliseconds this JVM spent in garbage collections so far (all collectors; pauses and concurrent work). */
    public static long gcMillis() {
        long sum = 0;
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }

    /**
     * CPU time of another process of this machine (user + system, every thread; clock-tick resolution), in
     * nanoseconds, or -1 if it cannot be read (no such process, or the platform does not tell).
     */
    static long processCpuNanos(long pid) {
        return ProcessHandle.of(pid).flatMap(h -> h.info().totalCpuDuration()).map(java.time.Duration::toNanos)
                .orElse(-1L);
    }

    /** The machine's one-minute load average (other processes included), or -1. */
    public static double loadAverage() {
        return OS.getSystemLoadAverage();
    }
}
