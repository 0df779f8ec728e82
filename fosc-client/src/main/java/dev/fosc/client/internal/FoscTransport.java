package dev.fosc.client.internal;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Chooses the transport: native epoll when available (Linux x86_64), NIO otherwise. Stateless; thread-safe.
 */
public final class FoscTransport {

    private FoscTransport() {
    }

    /** Whether native epoll can be used in this JVM. */
    public static boolean nativeAvailable() {
        return Epoll.isAvailable();
    }

    /**
     * A new group of {@code threads} event loops named {@code fosc-io-*}: epoll when {@code preferNative} and
     * available, NIO otherwise. The caller owns it.
     */
    public static EventLoopGroup newGroup(int threads, boolean preferNative) {
        IoHandlerFactory factory = preferNative && nativeAvailable() ? EpollIoHandler.newFactory()
                : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("fosc-io", true), factory);
    }

    /** The socket channel type that fits {@code group}: epoll for an epoll group, NIO otherwise. */
    public static Class<? extends SocketChannel> channelType(EventLoopGroup group) {
        if (group instanceof IoEventLoopGroup && nativeAvailable()
                && ((IoEventLoopGroup) group).isIoType(EpollIoHandler.class)) {
            return EpollSocketChannel.class;
        }
        return NioSocketChannel.class;
    }
}
