package dev.fosc.client.internal;

import dev.fosc.client.FoscClient;
import dev.fosc.client.FoscTransportKind;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.local.LocalChannel;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.DefaultAddressResolverGroup;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The transport chosen for a {@link FoscTransportKind} (with the JVM's facts simulated through the probe seam), and
 * the resolver chosen for a channel type: asynchronous DNS for the transports the client uses.
 */
class FoscTransportTest {

    private static final FoscTransport.Probe EPOLL_LOADS = new FoscTransport.Probe(true, null);
    private static final FoscTransport.Probe NO_EPOLL_JAR = new FoscTransport.Probe(false,
            "io.netty:netty-transport-native-epoll is not on the class path");

    private final AtomicBoolean logged = new AtomicBoolean();
    private final List<String> log = new ArrayList<>();

    @Test
    void nioIsNioWhateverTheJvmOffersAndSaysNothing() {
        assertEquals(FoscTransportKind.NIO, FoscTransport.resolve(FoscTransportKind.NIO, EPOLL_LOADS, logged, log::add));
        assertEquals(FoscTransportKind.NIO, FoscTransport.resolve(FoscTransportKind.NIO, NO_EPOLL_JAR, logged, log::add));
        assertEquals(List.of(), log);
    }

    @Test
    void autoIsEpollWhenItLoads() {
        assertEquals(FoscTransportKind.EPOLL,
                FoscTransport.resolve(FoscTransportKind.AUTO, EPOLL_LOADS, logged, log::add));
        assertEquals(List.of(), log);
    }

    @Test
    void autoFallsBackToNioAndSaysWhyOnce() {
        assertEquals(FoscTransportKind.NIO, FoscTransport.resolve(FoscTransportKind.AUTO, NO_EPOLL_JAR, logged, log::add));
        assertEquals(FoscTransportKind.NIO, FoscTransport.resolve(FoscTransportKind.AUTO, NO_EPOLL_JAR, logged, log::add));
        assertEquals(1, log.size(), log.toString());
        assertTrue(log.get(0).startsWith("fosc-client uses the NIO transport because io.netty:netty-transport-native"
                + "-epoll is not on the class path; "), log.get(0));
        assertTrue(log.get(0).contains("linux-aarch_64"), log.get(0));
    }

    @Test
    void epollRefusesWhenItIsNotAvailableAndSaysWhy() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> FoscTransport.resolve(FoscTransportKind.EPOLL, NO_EPOLL_JAR, logged, log::add));
        assertTrue(e.getMessage().startsWith("the EPOLL transport was asked for, but io.netty:netty-transport-native"
                + "-epoll is not on the class path; add "), e.getMessage());
        assertEquals(FoscTransportKind.EPOLL,
                FoscTransport.resolve(FoscTransportKind.EPOLL, EPOLL_LOADS, logged, log::add));
        assertEquals(List.of(), log);
    }

    @Test
    void theProbeSaysTheJarIsMissingWhenTheLoaderCannotSeeTheEpollClasses() {
        FoscTransport.Probe probe = FoscTransport.probe(new ClassLoader(ClassLoader.getPlatformClassLoader()) {
        });
        assertFalse(probe.classesPresent);
        assertEquals("io.netty:netty-transport-native-epoll is not on the class path", probe.unavailabilityCause);
    }

    @Test
    void theProbeAgreesWithNettyWhereTheClassesArePresent() {
        FoscTransport.Probe probe = FoscTransport.probe(FoscTransportTest.class.getClassLoader());
        assertTrue(probe.classesPresent);
        assertEquals(Epoll.isAvailable(), probe.available(), String.valueOf(probe.unavailabilityCause));
    }

    @Test
    void aClientOwnedGroupGetsTheTransportItWasGiven() {
        try (FoscClient nio = FoscClient.builder().threads(1).transport(FoscTransportKind.NIO).build()) {
            assertEquals(NioSocketChannel.class, nio.channelType());
        }
        try (FoscClient auto = FoscClient.builder().threads(1).build()) {
            assertEquals(Epoll.isAvailable() ? EpollSocketChannel.class : NioSocketChannel.class, auto.channelType());
        }
    }

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
