package dev.fosc.testkit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Sits between the frame decoder and the codec and copies each whole frame's bytes for the recording (the
 * only copy: the recorded frame takes the array over); the codec then decodes the frame in the same call, so
 * {@link CameraConnection} receives the message right after. Copies nothing once the recorder is full. One
 * per connection, on its event loop.
 */
final class FrameTap extends ChannelInboundHandlerAdapter {

    private final CameraConnection connection;

    FrameTap(CameraConnection connection) {
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf) {
            if (connection.recording() && !connection.recorderFull()) {
                connection.frameBytes(ByteBufUtil.getBytes((ByteBuf) msg));
            }
        }
        ctx.fireChannelRead(msg);
    }
}
