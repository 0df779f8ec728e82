package dev.fosc.client;

/**
 * The I/O transport of a client-owned event-loop group, chosen with {@link FoscClient.Builder#transport}.
 *
 * <p>Native epoll is the application's choice: fosc-client does not bring the native library. To use it, add
 * {@code io.netty:netty-transport-native-epoll} with the classifier of each platform the application runs on
 * ({@code linux-x86_64}, {@code linux-aarch_64}); see the README's "Transport" section. Without it, or where the
 * library does not load (not Linux, another CPU, a {@code noexec} temporary directory), {@link #AUTO} uses NIO and
 * says so once, in one log line that names the cause.
 */
public enum FoscTransportKind {

    /**
     * Native epoll when it loads, NIO otherwise; the default ({@link FoscClient#DEFAULT_TRANSPORT}). The first
     * client that falls back to NIO logs why, once per JVM, at INFO.
     */
    AUTO,

    /**
     * Native epoll, or no client: {@link FoscClient.Builder#build()} fails with an {@link IllegalStateException}
     * that names the cause when epoll is not available.
     */
    EPOLL,

    /** Java NIO, always available; nothing native is loaded. */
    NIO
}
