package dev.fosc.client.internal;

import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.local.LocalChannel;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.DefaultAddressResolverGroup;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The resolver chosen for a channel type: asynchronous DNS for the transports the client uses. */
class FoscTransportTest {

    @Test
    void nioAndEpollGetTheAsynchronousDnsResolver() {
        for (Class<? extends io.netty.channel.Channel> type : java.util.List.of(NioSocketChannel.class,
                EpollSocketChannel.class)) {
            AddressResolverGroup<InetSocketAddress> group = FoscTransport.newResolverGroup(type);
            try {
                assertInstanceOf(DnsAddressResolverGroup.class, group, type.getSimpleName());
            } finally {
                group.close();
            }
        }
    }

    @Test
    void anUnknownChannelTypeFallsBackToTheJdkResolver() {
        assertSame(DefaultAddressResolverGroup.INSTANCE, FoscTransport.newResolverGroup(LocalChannel.class));
    }
}
