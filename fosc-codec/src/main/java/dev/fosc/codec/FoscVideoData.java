package dev.fosc.codec;

import io.netty.buffer.ByteBuf;

import java.util.Objects;

/**
 * VIDEO_DATA (26): one H.264 access unit (Annex-B) behind a {@link FoscMediaHeader}.
 *
 * <p>Reference-counted: see the package documentation for who releases it. Decoded instances hold a
 * retained slice of the received buffer. Not thread-safe for concurrent release; the values are immutable.
 */
public final class FoscVideoData extends FoscPayloadHolder<FoscVideoData> implements FoscMediaMessage {

    private final FoscMediaHeader header;

    /**
     * Creates a frame that takes ownership of {@code data}. The header's video length is set to the data's
     * readable bytes.
     *
     * @param header the header
     * @param data the data
     */
    public FoscVideoData(FoscMediaHeader header, ByteBuf data) {
        super(data);
        this.header = Objects.requireNonNull(header, "header").withLengths(data.readableBytes(), header.audioLength());
    }

    @Override
    public FoscCommand command() {
        return FoscCommand.VIDEO_DATA;
    }

    @Override
    public FoscMediaHeader header() {
        return header;
    }

    /** {@return whether this is a key (IDR) frame} */
    public boolean isKeyFrame() {
        return header.keyFrame();
    }

    /** Decodes the payload of {@code length} bytes at {@code index} of {@code frame} (no intermediate slice). */
    static FoscVideoData decode(ByteBuf frame, int index, int length) {
        return decode(frame, index, frame, index + FoscMediaHeader.LENGTH, length);
    }

    /**
     * Decodes a payload of {@code length} bytes whose media header is at {@code headerIndex} of {@code header} and
     * whose data is at {@code dataIndex} of {@code data} (the same buffer when the frame arrived whole).
     */
    static FoscVideoData decode(ByteBuf header, int headerIndex, ByteBuf data, int dataIndex, int length) {
        FoscWire.requireAtLeast(FoscCommand.VIDEO_DATA, length, FoscMediaHeader.LENGTH);
        FoscMediaHeader mediaHeader = FoscMediaHeader.read(header, headerIndex);
        int dataLength = length - FoscMediaHeader.LENGTH;
        if (mediaHeader.videoLength() != dataLength) {
            throw new FoscMalformedPayloadException("VIDEO_DATA header says " + Integer.toUnsignedString(
                    mediaHeader.videoLength()) + " video bytes but " + dataLength + " follow");
        }
        return new FoscVideoData(mediaHeader, FoscWire.retainedSlice(data, dataIndex, dataLength));
    }

    @Override
    public FoscVideoData replace(ByteBuf content) {
        return new FoscVideoData(header, content);
    }

    @Override
    public String toString() {
        return "FoscVideoData[timestamp=" + header.timestamp() + ", bytes=" + header.videoLength() + ", keyFrame="
                + header.keyFrame() + ", " + header.width() + "x" + header.height() + "]";
    }
}
