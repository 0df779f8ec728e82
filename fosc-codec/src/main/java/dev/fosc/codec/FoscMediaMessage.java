package dev.fosc.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;

/**
 * A media frame from the camera: a {@link FoscMediaHeader} and the data behind it, held as a
 * reference-counted buffer (a slice of the received buffer when decoded: no copy).
 */
public interface FoscMediaMessage extends FoscMessage, ByteBufHolder {

    /** {@return the media header, with the data length of this frame} */
    FoscMediaHeader header();

    /** {@return the media data after the 36-byte header (H.264 or audio): the same buffer as {@link #content()}} */
    default ByteBuf data() {
        return content();
    }

    @Override
    default int payloadLength() {
        return FoscMediaHeader.LENGTH + content().readableBytes();
    }
}
