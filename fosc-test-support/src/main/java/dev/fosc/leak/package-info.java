/**
 * Strict, deterministic Netty leak detection for every test JVM of the build: a test class that leaves a
 * buffer unreleased fails.
 *
 * <p><b>How.</b> The parent pom's {@code fosc.test.argLine} installs Netty's own {@link
 * io.netty.util.LeakPresenceDetector} (as {@link dev.fosc.leak.FoscLeakPresenceDetector}, which only makes its
 * count readable without resetting it) with {@code -Dio.netty.customResourceLeakDetector}. It counts every
 * buffer an allocator hands out (no sampling, whatever {@code io.netty.leakDetection.level} says) and every
 * release. {@link dev.fosc.leak.LeakCheckExtension}, auto-detected by JUnit for every test class, waits up to
 * 5 s ({@code -Dfosc.leak.settleMillis}) for the count to reach zero after the class and fails it otherwise.
 * Unlike the GC-driven {@code ResourceLeakDetector} it replaced, it needs no garbage collection, sees every
 * leak, and sees it in the class that caused it.
 *
 * <p><b>What it asks of tests.</b>
 * <ul>
 *   <li>Shut down what a class started (clients, cameras, channels, {@code EmbeddedChannel#finish}) by the end
 *       of the class: a buffer still held by a live channel counts as open.</li>
 *   <li>Test classes must not run in parallel in one JVM: there is one global scope, so one class would see
 *       another's buffers. (Netty lets a subclass override {@code currentScope()} for per-test scopes; not
 *       needed while classes run one after another, as surefire runs them here.)</li>
 *   <li>A buffer kept in a static field must be created inside
 *       {@link io.netty.util.LeakPresenceDetector#staticInitializer}, or be one that no allocator tracks
 *       (e.g. {@code Unpooled.wrappedBuffer(ByteBuffer)}, as the testkit's static media frames are). Netty
 *       wraps its own (e.g. {@code HttpObjectEncoder}'s CRLF buffers).</li>
 *   <li>Unpooled heap buffers are not tracked by Netty at all (they need no release to be freed).</li>
 * </ul>
 *
 * <p><b>Proof that it bites.</b> {@code LeakCheckSelfTest} checks that a leaked buffer, and a leaked retained
 * slice of a released buffer, are reported at once. {@code LeakDemoTest} leaks a buffer for real:
 * {@code mvn -B -ntp -pl fosc-test-support verify -Dfosc.leak.demo=true} ends in BUILD FAILURE.
 * Adding {@code -Dio.netty.util.LeakPresenceDetector.trackCreationStack=true} to the test JVM's options
 * ({@code "-Dfosc.test.argLine=-Dio.netty.customResourceLeakDetector=dev.fosc.leak.FoscLeakPresenceDetector
 * -Dio.netty.util.LeakPresenceDetector.trackCreationStack=true"}) shows where the leaked buffers were allocated.
 */
package dev.fosc.leak;
