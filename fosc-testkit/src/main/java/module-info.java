/**
 * The fake camera for tests (package {@link dev.fosc.testkit}) and its JUnit 5 layer
 * ({@link dev.fosc.testkit.junit5}). JUnit is a static dependency: the JUnit layer needs
 * {@code org.junit.jupiter.api} (and {@code org.junit.platform.commons}) at run time only when it is used, which a
 * JUnit test run provides; the fake camera itself runs without JUnit. Code that uses the JUnit layer reads JUnit
 * itself (its tests do).
 */
module dev.fosc.testkit {
    requires transitive dev.fosc.codec;
    requires transitive io.netty.common;
    requires transitive io.netty.buffer;
    requires transitive io.netty.transport;
    requires org.slf4j;
    // static, not transitive: a consumer that compiles against the testkit must not need JUnit for that
    requires static org.junit.jupiter.api;
    requires static org.junit.platform.commons;

    exports dev.fosc.testkit;
    exports dev.fosc.testkit.junit5;
}
