package dev.fosc.client.internal;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.DefaultAddressResolverGroup;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetSocketAddress;

/**
 * Chooses the transport (native epoll when available on Linux x86_64, NIO otherwise) and the name resolver that
 * fits it. Stateless; thread-safe.
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

    /**
     * A name resolver group whose lookups never block an event loop: Netty's asynchronous DNS resolver (hosts file,
     * then the system's name servers) with the datagram channel that fits {@code channelType}. For a channel type
     * it does not know it returns the JDK's (blocking) resolver, {@link DefaultAddressResolverGroup#INSTANCE},
     * which must not be closed. The caller closes any other group it gets.
     */
    public static AddressResolverGroup<InetSocketAddress> newResolverGroup(Class<? extends Channel> channelType) {
        Class<? extends DatagramChannel> datagram;
        if (channelType == NioSocketChannel.class) {
            datagram = NioDatagramChannel.class;
        } else if (channelType == EpollSocketChannel.class) {
            datagram = EpollDatagramChannel.class;
        } else {
            return DefaultAddressResolverGroup.INSTANCE;
        }
        return new DnsAddressResolverGroup(new DnsNameResolverBuilder().datagramChannelType(datagram));
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
