package dev.fosc.client.internal;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;

/**
 * Every reference to Netty's epoll classes, which are optional ({@code netty-transport-classes-epoll} comes with the
 * native jar the application adds). {@link FoscTransport} calls this class only after
 * {@link FoscTransport#EPOLL_CLASS} was found, so the JVM never has to load it otherwise. Stateless; thread-safe.
 */
final class FoscEpoll {

    private FoscEpoll() {
    }

    /** Why epoll cannot be used in this JVM, or {@code null} when it can. */
    static String unavailabilityCause() {
        if (Epoll.isAvailable()) {
            return null;
        }
        Throwable cause = Epoll.unavailabilityCause();
        return "the native epoll library did not load: " + (cause == null ? "no cause given" : cause);
    }

    static IoHandlerFactory newFactory() {
        return EpollIoHandler.newFactory();
    }

    static boolean isEpollGroup(EventLoopGroup group) {
        return group instanceof IoEventLoopGroup && ((IoEventLoopGroup) group).isIoType(EpollIoHandler.class);
    }

    static Class<? extends SocketChannel> socketChannel() {
        return EpollSocketChannel.class;
    }

    static Class<? extends DatagramChannel> datagramChannel() {
        return EpollDatagramChannel.class;
    }
}
