package dev.fosc.codec;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequestEncoder;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Client side: when the channel becomes active, writes the {@code SERVERPUSH} preamble through the
 * pipeline's {@link HttpRequestEncoder}, then removes that encoder and itself, and only then passes
 * {@code channelActive} on, so that every frame written afterwards goes to the socket untouched and after
 * the preamble. Installed by {@link FoscPipelines#installClient}.
 */
final class FoscClientPreambleWriter extends ChannelInboundHandlerAdapter {

    private final String hostHeader;

    /** @param hostHeader the Host header; {@code null} for the remote address as {@code host:port} */
    FoscClientPreambleWriter(String hostHeader) {
        this.hostHeader = hostHeader;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(FoscPreamble.request(hostHeader != null ? hostHeader
                : hostOf(ctx.channel().remoteAddress())));
        // The encoder has already turned the request into bytes (encoding is synchronous), so it can go now.
        HttpRequestEncoder encoder = ctx.pipeline().get(HttpRequestEncoder.class);
        if (encoder != null) {
            ctx.pipeline().remove(encoder);
        }
        ctx.pipeline().remove(this);
        ctx.fireChannelActive();
    }

    static String hostOf(SocketAddress address) {
        if (address instanceof InetSocketAddress) {
            InetSocketAddress inet = (InetSocketAddress) address;
            String host = inet.getHostString();
            if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
                host = "[" + host + "]";
            }
            return host + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }
}
