/**
 * The JUnit 5 layer of the testkit: {@link dev.fosc.testkit.junit5.WithFakeCamera} and
 * {@link dev.fosc.testkit.junit5.FakeCameraExtension} start a {@link dev.fosc.testkit.FakeCamera} per test or
 * per class and inject it. Needs {@code junit-jupiter-api} on the classpath (an optional dependency of the
 * testkit).
 *
 * <p>Threading: JUnit calls the extension on the test's thread; the camera itself is thread-safe.
 */
package dev.fosc.testkit.junit5;
