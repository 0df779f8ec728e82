/**
 * The asynchronous FOSC camera client (package {@link dev.fosc.client}); {@code dev.fosc.client.internal} is not
 * exported. Reads {@code dev.fosc.codec} transitively ({@code FoscCredentials} and the message types are part of
 * this API), and Netty's transport, buffer and common modules (event-loop groups, channel types, frames).
 *
 * <p>Native epoll is optional ({@code requires static}): the application adds
 * {@code io.netty:netty-transport-native-epoll} for its platform. On the module path a module that only
 * {@code requires static} is not resolved by itself: add {@code --add-modules
 * io.netty.transport.classes.epoll,io.netty.transport.epoll.linux.x86_64} (or {@code ...linux.aarch_64}) to the
 * {@code java} command, or {@code requires io.netty.transport.classes.epoll} in the application's module;
 * otherwise {@link dev.fosc.client.FoscTransportKind#AUTO} falls back to NIO and says why once.
 */
module dev.fosc.client {
    requires transitive dev.fosc.codec;
    requires transitive io.netty.common;
    requires transitive io.netty.buffer;
    requires transitive io.netty.transport;
    requires io.netty.codec;
    requires io.netty.handler;
    requires io.netty.resolver;
    requires io.netty.resolver.dns;
    requires io.netty.transport.unix.common;
    requires static io.netty.transport.classes.epoll;
    requires org.slf4j;

    exports dev.fosc.client;
    exports dev.fosc.client.record;
}
