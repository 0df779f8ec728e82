package dev.fosc.codec;

import io.netty.channel.CombinedChannelDuplexHandler;

/**
 * {@link FoscMessageDecoder} and {@link FoscMessageEncoder} as one handler: frames (from
 * {@link FoscFrameDecoder}) in, {@link FoscMessage}s out, and back. One instance per channel.
 */
public final class FoscCodec extends CombinedChannelDuplexHandler<FoscMessageDecoder, FoscMessageEncoder> {

    /** Creates the codec. */
    public FoscCodec() {
        super(FoscMessageDecoder.INSTANCE, FoscMessageEncoder.INSTANCE);
    }
}
