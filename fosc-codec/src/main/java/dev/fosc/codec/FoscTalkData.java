package dev.fosc.codec;

import io.netty.buffer.ByteBuf;

/**
 * TALK_DATA (6): audio for the camera speaker. Layout: u32 audio length N @0; N bytes of audio @4, no media
 * header (a camera drops the connection if one is sent). One frame is 960 bytes of PCM or 120 bytes of
 * G.726 (60 ms).
 *
 * <p>Reference-counted: see the package documentation for who releases it.
 */
public final class FoscTalkData extends FoscPayloadHolder<FoscTalkData> implements FoscMessage {

    /** Bytes before the audio: the u32 length. */
    public static final int PREFIX_LENGTH = 4;

    /**
     * Creates a frame that takes ownership of {@code audio}.
     *
     * @param audio the audio
     */
    public FoscTalkData(ByteBuf audio) {
        super(audio);
    }

    @Override
    public FoscCommand command() {
        return FoscCommand.TALK_DATA;
    }

    @Override
    public int payloadLength() {
        return PREFIX_LENGTH + content().readableBytes();
    }

    /** {@return the format, told by the length: 960 bytes PCM, 120 bytes G.726} */
    public FoscAudioFormat format() {
        return FoscAudioFormat.ofLength(content().readableBytes());
    }

    /** Decodes the payload of {@code length} bytes at {@code index} of {@code frame} (no intermediate slice). */
    static FoscTalkData decode(ByteBuf frame, int index, int length) {
        FoscWire.requireAtLeast(FoscCommand.TALK_DATA, length, PREFIX_LENGTH);
        long declared = frame.getUnsignedIntLE(index);
        int available = length - PREFIX_LENGTH;
        if (declared > available) {
            throw new FoscMalformedPayloadException("TALK_DATA says " + declared + " audio bytes but " + available
                    + " follow");
        }
        return new FoscTalkData(FoscWire.retainedSlice(frame, index + PREFIX_LENGTH, (int) declared));
    }

    @Override
    public FoscTalkData replace(ByteBuf content) {
        return new FoscTalkData(content);
    }

    @Override
    public String toString() {
        return "FoscTalkData[bytes=" + content().readableBytes() + ", format=" + format().jsonName() + "]";
    }
}
