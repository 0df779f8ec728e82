package dev.fosc.client;

import dev.fosc.codec.FoscCodecOptions;
import dev.fosc.codec.FoscCredentials;
import dev.fosc.codec.FoscLogin;
import dev.fosc.codec.FoscLoginReply;
import dev.fosc.codec.FoscPipelines;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.fosc.client.FoscSessionIT.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Too many users" (LOGIN_REPLY result 3), which FakeCamera does not send: a minimal camera built on the codec's
 * camera pipeline refuses the first login with 3 and accepts the second.
 */
class FoscTooManyUsersIT {

    @Test
    void tooManyUsersIsRetriedAfterTheLongDelayEvenOnTheFirstLogin() throws Exception {
        AtomicInteger logins = new AtomicInteger();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (FoscClient client = FoscClient.builder().threads(1).build()) {
            Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            FoscPipelines.installCamera(ch.pipeline(), FoscCodecOptions.DEFAULT);
                            ch.pipeline().addLast(new SimpleChannelInboundHandler<FoscLogin>() {
                                @Override
                                protected void channelRead0(ChannelHandlerContext ctx, FoscLogin login) {
                                    ctx.writeAndFlush(logins.getAndIncrement() == 0
                                            ? FoscLoginReply.refused(FoscLoginReply.RESULT_TOO_MANY_USERS)
                                            : FoscLoginReply.accepted(List.of(), List.of(), "CAM3"));
                                }
                            });
                        }
                    }).bind("127.0.0.1", 0).sync().channel();
            int port = ((InetSocketAddress) server.localAddress()).getPort();
            Duration longDelay = Duration.ofMillis(200);
            RecordingListener rec = new RecordingListener();
            FoscSession session = client.newSession(FoscSessionOptions.builder("127.0.0.1",
                    FoscCredentials.of("admin", "pw")).port(port).reconnectPolicy(FoscReconnectPolicy.builder()
                    .initialDelay(Duration.ofMillis(1)).maxDelay(Duration.ofMillis(2)).rateLimitedDelay(longDelay)
                    .build()).build(), rec);
            // connect() completes with the outcome of the first attempt; the session keeps trying
            java.util.concurrent.ExecutionException first = org.junit.jupiter.api.Assertions.assertThrows(
                    java.util.concurrent.ExecutionException.class, () -> get(session.connect()));
            assertTrue(first.getCause() instanceof FoscLoginRateLimitedException, String.valueOf(first.getCause()));
            assertTrue(first.getCause() instanceof FoscLoginRefusedException);
            RecordingListener.await(() -> session.state() == FoscSessionState.CONNECTED, FoscSessionIT.WAIT,
                    () -> rec.changes.toString());
            assertEquals("CAM3", get(session.connect()).cameraId());
            assertEquals(2, logins.get());
            RecordingListener.Change limited = rec.changes.stream()
                    .filter(c -> c.cause() instanceof FoscLoginRateLimitedException).findFirst().orElseThrow();
            assertEquals(FoscSessionState.RECONNECTING, limited.to());
            assertEquals(3, ((FoscLoginRateLimitedException) limited.cause()).result());
            RecordingListener.Change next = rec.changes.get(rec.changes.indexOf(limited) + 1);
            assertTrue(next.nanos() - limited.nanos() >= longDelay.toNanos(), "waited the long delay");
            server.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
