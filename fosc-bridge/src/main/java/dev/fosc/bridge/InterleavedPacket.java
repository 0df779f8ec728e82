package dev.fosc.bridge;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * One interleaved binary packet a client sent on its RTSP connection ({@code $}, channel, length, data: RFC 2326
 * §10.12), typically its RTCP receiver reports. Owns its content: whoever receives it releases it.
 */
final class InterleavedPacket extends DefaultByteBufHolder {

    private final int channel;

    InterleavedPacket(int channel, ByteBuf content) {
        super(content);
        this.channel = channel;
    }

    int channel() {
        return channel;
    }
}
