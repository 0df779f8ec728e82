package dev.fosc.benchmarks.fleet;

import dev.fosc.client.FoscTransportKind;
import dev.fosc.client.internal.FoscTransport;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringSocketChannel;

/**
 * The event-loop groups the fleet benchmark's clients run on: {@code epoll} and {@code nio} as fosc-client makes them,
 * and {@code io_uring} (Netty's io_uring transport, which fosc-client does not choose by itself: an application passes
 * such a group with {@code FoscClient.Builder.eventLoopGroup} and {@code channelType}).
 */
final class BenchTransport {

    private BenchTransport() {
    }

    static EventLoopGroup newGroup(String transport, int threads) {
        if (transport.equals("io_uring")) {
            IoUring.ensureAvailability(); // a clear error (kernel too old, io_uring disabled) instead of a hang
            return new MultiThreadIoEventLoopGroup(threads, IoUringIoHandler.newFactory());
        }
        return FoscTransport.newGroup(threads, transport.equals("epoll") ? FoscTransportKind.AUTO
                : FoscTransportKind.NIO);
    }

    static Class<? extends SocketChannel> channelType(EventLoopGroup group) {
        if (group instanceof MultiThreadIoEventLoopGroup && ((MultiThreadIoEventLoopGroup) group)
                .isIoType(IoUringIoHandler.class)) {
            return IoUringSocketChannel.class;
        }
        return FoscTransport.channelType(group);
    }
}
