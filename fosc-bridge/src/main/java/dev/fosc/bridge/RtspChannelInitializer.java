package dev.fosc.bridge;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.rtsp.RtspDecoder;
import io.netty.handler.codec.rtsp.RtspEncoder;

import java.time.Duration;
import java.util.Map;

/**
 * The pipeline of one RTSP connection: {@link InterleavedSplitter}, Netty's RTSP decoder and aggregator, the RTSP
 * encoder, then {@link RtspConnection}, which writes RTP from the encoder's context (so RTP bypasses the encoder).
 * Shareable; thread-safe.
 */
final class RtspChannelInitializer extends ChannelInitializer<Channel> {

    private final Map<String, BridgeCamera> cameras;
    private final Duration describeTimeout;
    private final RtspAuth auth;

    RtspChannelInitializer(Map<String, BridgeCamera> cameras, Duration describeTimeout) {
        this(cameras, describeTimeout, null);
    }

    /** @param auth the viewers' credentials; {@code null} when viewers need none */
    RtspChannelInitializer(Map<String, BridgeCamera> cameras, Duration describeTimeout, RtspAuth auth) {
        this.cameras = Map.copyOf(cameras);
        this.describeTimeout = describeTimeout;
        this.auth = auth;
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast("split", new InterleavedSplitter());
        p.addLast("rtsp-decoder", new RtspDecoder());
        p.addLast("aggregator", new HttpObjectAggregator(InterleavedSplitter.MAX_HEAD));
        p.addLast("rtsp-encoder", new RtspEncoder());
        ChannelHandlerContext rtpOut = p.context("rtsp-encoder");
        p.addLast("rtsp", new RtspConnection(cameras, describeTimeout, rtpOut, auth));
    }
}
