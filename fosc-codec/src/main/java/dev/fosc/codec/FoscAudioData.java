package dev.fosc.codec;

import io.netty.buffer.ByteBuf;

import java.util.Objects;

/**
 * AUDIO_DATA (27): one audio frame (PCM or G.726, {@link #format()}) behind a {@link FoscMediaHeader}.
 *
 * <p>Reference-counted: see the package documentation for who releases it. Decoded instances hold a
 * retained slice of the received buffer.
 */
public final class FoscAudioData extends FoscPayloadHolder<FoscAudioData> implements FoscMediaMessage {

    private final FoscMediaHeader header;

    /**
     * Creates a frame that takes ownership of {@code data}. The header's audio length is set to the data's
     * readable bytes.
     *
     * @param header the header
     * @param data the data
     */
    public FoscAudioData(FoscMediaHeader header, ByteBuf data) {
        super(data);
        this.header = Objects.requireNonNull(header, "header").withLengths(header.videoLength(), data.readableBytes());
    }

    @Override
    public FoscCommand command() {
        return FoscCommand.AUDIO_DATA;
    }

    @Override
    public FoscMediaHeader header() {
        return header;
    }

    /** {@return the format, told by the data length: 960 bytes PCM, 120 bytes G.726} */
    public FoscAudioFormat format() {
        return FoscAudioFormat.ofLength(header.audioLength());
    }

    /** Decodes the payload of {@code length} bytes at {@code index} of {@code frame} (no intermediate slice). */
    static FoscAudioData decode(ByteBuf frame, int index, int length) {
        return decode(frame, index, frame, index + FoscMediaHeader.LENGTH, length);
    }

    /**
     * Decodes a payload of {@code length} bytes whose media header is at {@code headerIndex} of {@code header} and
     * whose data is at {@code dataIndex} of {@code data} (the same buffer when the frame arrived whole).
     */
    static FoscAudioData decode(ByteBuf header, int headerIndex, ByteBuf data, int dataIndex, int length) {
        FoscWire.requireAtLeast(FoscCommand.AUDIO_DATA, length, FoscMediaHeader.LENGTH);
        FoscMediaHeader mediaHeader = FoscMediaHeader.read(header, headerIndex);
        int dataLength = length - FoscMediaHeader.LENGTH;
        if (mediaHeader.audioLength() != dataLength) {
            throw new FoscMalformedPayloadException("AUDIO_DATA header says " + Integer.toUnsignedString(
                    mediaHeader.audioLength()) + " audio bytes but " + dataLength + " follow");
        }
        return new FoscAudioData(mediaHeader, FoscWire.retainedSlice(data, dataIndex, dataLength));
    }

    @Override
    public FoscAudioData replace(ByteBuf content) {
        return new FoscAudioData(header, content);
    }

    @Override
    public String toString() {
        return "FoscAudioData[timestamp=" + header.timestamp() + ", bytes=" + header.audioLength() + ", format="
                + format().jsonName() + "]";
    }
}
