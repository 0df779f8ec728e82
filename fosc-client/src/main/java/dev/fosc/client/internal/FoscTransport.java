package dev.fosc.client.internal;

import dev.fosc.client.FoscTransportKind;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Chooses the transport ({@link FoscTransportKind}: native epoll when the application added it and it loads, NIO
 * otherwise) and the name resolver that fits it. Netty's epoll classes are an optional dependency: this class finds
 * out whether they are present before anything touches them (all such code is in {@link FoscEpoll}). The first
 * {@link FoscTransportKind#AUTO} choice that falls back to NIO is logged once per JVM: at INFO when the native jar is
 * absent (the ordinary case on a machine that does not use it), at WARN when it is present but does not load.
 * Thread-safe.
 */
public final class FoscTransport {

    /** The class whose presence says that the epoll classes are on the class path or module path. */
    static final String EPOLL_CLASS = "io.netty.channel.epoll.Epoll";

    private static final Logger LOG = LoggerFactory.getLogger(FoscTransport.class);
    private static final AtomicBoolean FALLBACK_LOGGED = new AtomicBoolean();

    private static volatile Probe probe;

    private FoscTransport() {
    }

    /** What this JVM offers: whether the epoll classes are present, and why epoll cannot be used, if it cannot. */
    static final class Probe {
        final boolean classesPresent;
        final String unavailabilityCause;

        Probe(boolean classesPresent, String unavailabilityCause) {
            this.classesPresent = classesPresent;
            this.unavailabilityCause = unavailabilityCause;
        }

        boolean available() {
            return unavailabilityCause == null;
        }
    }

    /** Looks for the epoll classes with {@code loader} and, when they are there, whether the native library loads. */
    static Probe probe(ClassLoader loader) {
        try {
            Class.forName(EPOLL_CLASS, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return new Probe(false, FoscTransport.class.getModule().isNamed()
                    ? "module io.netty.transport.classes.epoll is not resolved (on the module path it needs "
                            + "--add-modules io.netty.transport.classes.epoll,io.netty.transport.epoll.linux.x86_64 "
                            + "or ...linux.aarch_64, or a requires in the application's module)"
                    : "io.netty:netty-transport-native-epoll is not on the class path");
        }
        try {
            return new Probe(true, FoscEpoll.unavailabilityCause());
        } catch (LinkageError e) {
            return new Probe(true, "the epoll classes did not link: " + e);
        }
    }

    private static Probe probe() {
        Probe p = probe;
        if (p == null) {
            p = probe(FoscTransport.class.getClassLoader());
            probe = p;
        }
        return p;
    }

    /** Whether native epoll can be used in this JVM. */
    public static boolean nativeAvailable() {
        return probe().available();
    }

    /** Why native epoll cannot be used in this JVM (a sentence fragment), or {@code null} when it can. */
    public static String nativeUnavailabilityCause() {
        return probe().unavailabilityCause;
    }

    /**
     * What {@code requested} means in this JVM: {@link FoscTransportKind#EPOLL} or {@link FoscTransportKind#NIO},
     * never {@code AUTO}. An {@code AUTO} that falls back to NIO is logged once per JVM.
     *
     * @throws IllegalStateException if {@code EPOLL} is requested and epoll is not available
     */
    public static FoscTransportKind resolve(FoscTransportKind requested) {
        Probe p = probe();
        return resolve(requested, p, FALLBACK_LOGGED, p.classesPresent ? LOG::warn : LOG::info);
    }

    /** {@link #resolve(FoscTransportKind)} with the JVM's facts, the once-flag and the log line passed in (tests). */
    static FoscTransportKind resolve(FoscTransportKind requested, Probe probe, AtomicBoolean fallbackLogged,
            Consumer<String> log) {
        Objects.requireNonNull(requested, "transport");
        switch (requested) {
            case NIO:
                return FoscTransportKind.NIO;
            case EPOLL:
                if (!probe.available()) {
                    throw new IllegalStateException("the EPOLL transport was asked for, but "
                            + probe.unavailabilityCause + "; add io.netty:netty-transport-native-epoll with the "
                            + "platform's classifier (linux-x86_64, linux-aarch_64) or choose AUTO or NIO");
                }
                return FoscTransportKind.EPOLL;
            case AUTO:
            default:
                if (probe.available()) {
                    return FoscTransportKind.EPOLL;
                }
                if (fallbackLogged.compareAndSet(false, true)) {
                    log.accept("fosc-client uses the NIO transport because " + probe.unavailabilityCause
                            + "; for native epoll add io.netty:netty-transport-native-epoll with the platform's "
                            + "classifier (linux-x86_64, linux-aarch_64), or choose FoscTransportKind.NIO to say "
                            + "that NIO is meant (this is logged once)");
                }
                return FoscTransportKind.NIO;
        }
    }

    /**
     * A new group of {@code threads} event loops named {@code fosc-io-*} with the transport {@code kind} resolves to
     * (see {@link #resolve(FoscTransportKind)}). The caller owns it.
     *
     * @throws IllegalStateException if {@code EPOLL} is requested and epoll is not available
     */
    public static EventLoopGroup newGroup(int threads, FoscTransportKind kind) {
        IoHandlerFactory factory = resolve(kind) == FoscTransportKind.EPOLL ? FoscEpoll.newFactory()
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
        } else if (probe().classesPresent && channelType == FoscEpoll.socketChannel()) {
            datagram = FoscEpoll.datagramChannel();
        } else {
            return DefaultAddressResolverGroup.INSTANCE;
        }
        return new DnsAddressResolverGroup(new DnsNameResolverBuilder().datagramChannelType(datagram));
    }

    /** The socket channel type that fits {@code group}: epoll for an epoll group, NIO otherwise. */
    public static Class<? extends SocketChannel> channelType(EventLoopGroup group) {
        if (probe().classesPresent && FoscEpoll.isEpollGroup(group)) {
            return FoscEpoll.socketChannel();
        }
        return NioSocketChannel.class;
    }
}
