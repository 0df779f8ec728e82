package dev.fosc.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufHolder;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;

import java.util.List;

/**
 * Frame-level conversion between messages and bytes, used by {@link FoscMessageDecoder},
 * {@link FoscMessageEncoder} and by tools that work outside a pipeline.
 *
 * <p>Stateless and thread-safe. Buffers follow the package's ownership rules: decoding never releases the
 * frame it reads (payload-holding messages retain slices of it); encoding never releases the message.
 */
public final class FoscFrames {

    /** The frame header length: u32 command, "FOSC", u32 payload length. */
    public static final int HEADER_LENGTH = FoscWire.HEADER_LENGTH;
    /** The magic "FOSC" at offset 4, as a big-endian int. */
    public static final int MAGIC = FoscWire.MAGIC;

    private FoscFrames() {
    }

    /**
     * Decodes one whole frame (header and payload, as delimited by {@link FoscFrameDecoder}) into a message.
     * Never throws for a malformed payload: that comes back as a {@link FoscInvalidMessage}. The frame's
     * reader index is not moved; its reference count is not changed except by the retained slices that
     * payload-holding messages keep.
     *
     * @throws IllegalArgumentException if {@code frame} is not one whole frame (shorter than its header says)
     * @param frame the frame
     * @return the decoded message, or a {@link FoscInvalidMessage}
     */
    public static FoscMessage decode(ByteBuf frame) {
        int start = frame.readerIndex();
        if (frame.readableBytes() < HEADER_LENGTH) {
            throw new IllegalArgumentException("a frame needs 12 header bytes: " + frame.readableBytes());
        }
        long command = frame.getUnsignedIntLE(start);
        long length = frame.getUnsignedIntLE(start + 8);
        if (length > frame.readableBytes() - HEADER_LENGTH) {
            throw new IllegalArgumentException("frame declares " + length + " payload bytes but holds "
                    + (frame.readableBytes() - HEADER_LENGTH));
        }
        return decodeAt(frame, start, command, (int) length);
    }

    /**
     * Decodes the frame whose header is at {@code index} of {@code buffer}, its command and payload length already
     * read from it. Indexes and reference count of {@code buffer} are not changed except by retained slices.
     */
    static FoscMessage decodeAt(ByteBuf buffer, int index, long commandId, int length) {
        return decodeOrInvalid(FoscCommand.valueOf(commandId), buffer, index, null, length);
    }

    /**
     * Decodes a frame that arrived over several reads (see {@link FoscFrameDecoder#splitFrameReceived}): media
     * frames from the head (their media header) and the rest (their data: a retained slice of it); any other frame
     * from the two joined.
     */
    static FoscMessage decodeSplit(io.netty.channel.ChannelHandlerContext ctx, ByteBuf head, ByteBuf rest,
                                   long commandId, int length) {
        FoscCommand command = FoscCommand.valueOf(commandId);
        if (commandId == 26 || commandId == 27) {
            return decodeOrInvalid(command, head, head.readerIndex(), rest == null ? Unpooled.EMPTY_BUFFER : rest,
                    length);
        }
        ByteBuf joined = FoscFrameSplitter.joined(ctx, head, rest);
        try {
            return decodeOrInvalid(command, joined, joined.readerIndex(), null, length);
        } finally {
            joined.release();
        }
    }

    /**
     * Decodes the frame whose header is at {@code index} of {@code buffer}; for media frames with {@code data}
     * not null, the data behind the media header is in {@code data} rather than in {@code buffer}.
     */
    private static FoscMessage decodeOrInvalid(FoscCommand command, ByteBuf buffer, int index, ByteBuf data,
                                               int length) {
        try {
            if (data != null) {
                int payload = index + HEADER_LENGTH;
                return command.id() == 26 ? FoscVideoData.decode(buffer, payload, data, data.readerIndex(), length)
                        : FoscAudioData.decode(buffer, payload, data, data.readerIndex(), length);
            }
            return decodePayload(command, buffer, index + HEADER_LENGTH, length);
        } catch (FoscMalformedPayloadException e) {
            return new FoscInvalidMessage(command, length, e);
        } catch (IllegalArgumentException e) {
            // a decoded field broke a value rule (a string that is not valid for its field, say)
            return new FoscInvalidMessage(command, length, new FoscMalformedPayloadException(
                    command + " payload: " + e.getMessage()));
        }
    }

    /**
     * Decodes the payload at {@code index} of {@code frame}. Media and unknown frames are read in place, so a
     * VIDEO_DATA allocates only its retained slice and the message; control messages read a slice.
     */
    private static FoscMessage decodePayload(FoscCommand command, ByteBuf frame, int index, int length) {
        if (!command.isKnown()) {
            return new FoscUnknownMessage(command, FoscWire.retainedSlice(frame, index, length));
        }
        switch ((int) command.id()) {
            case 26: return FoscVideoData.decode(frame, index, length);
            case 27: return FoscAudioData.decode(frame, index, length);
            case 6: return FoscTalkData.decode(frame, index, length);
            default: return decodeControl(command, frame.slice(index, length));
        }
    }

    private static FoscMessage decodeControl(FoscCommand command, ByteBuf p) {
        switch ((int) command.id()) {
            case 0: return FoscVideoOn.decode(p);
            case 1: return FoscClose.decode(p);
            case 2: return FoscAudioOn.decode(p);
            case 3: return FoscAudioOff.decode(p);
            case 4: return FoscSpeakerOn.decode(p);
            case 5: return FoscSpeakerOff.decode(p);
            case 12: return FoscLogin.decode(p);
            case 15: return FoscLoginCheck.decode(p);
            case 16: return FoscVideoOnReply.decode(p);
            case 18: return FoscAudioOnReply.decode(p);
            case 20: return FoscSpeakerOnReply.decode(p);
            case 21: return FoscSpeakerOffReply.decode(p);
            case 29: return FoscLoginCheckReply.decode(p);
            case 100: return FoscLoginReply.decode(p);
            case 106: return FoscPresetsChanged.decode(p);
            case 107: return FoscCruisesChanged.decode(p);
            case 108: return FoscMirrorFlip.decode(p);
            case 110: return FoscColorAdjust.decode(p);
            case 111: return FoscMotionAlert.decode(p);
            case 112: return FoscPowerFrequency.decode(p);
            case 113: return FoscStreamSelect.decode(p);
            default: throw new IllegalStateException("known command without a decoder: " + command);
        }
    }

    /**
     * Encodes {@code msg} into {@code out}: one buffer holding header and payload for control messages; for
     * messages that hold a payload buffer, a header buffer followed by the payload itself, retained (no copy).
     * {@code msg} is not released.
     *
     * @param msg the message
     * @param alloc the allocator for the new buffer
     * @param out the buffer written to
     */
    public static void encode(FoscMessage msg, ByteBufAllocator alloc, List<Object> out) {
        if (msg instanceof ByteBufHolder) {
            ByteBuf content = ((ByteBufHolder) msg).content();
            int prefix = msg.payloadLength() - content.readableBytes();
            ByteBuf header = alloc.ioBuffer(HEADER_LENGTH + prefix);
            writeHeader(header, msg.command(), msg.payloadLength());
            if (msg instanceof FoscMediaMessage) {
                ((FoscMediaMessage) msg).header().write(header);
            } else if (msg instanceof FoscTalkData) {
                header.writeIntLE(content.readableBytes());
            }
            out.add(header);
            if (content.isReadable()) {
                out.add(content.retainedSlice());
            }
            return;
        }
        int length = msg.payloadLength();
        ByteBuf buf = alloc.ioBuffer(HEADER_LENGTH + length);
        try {
            writeHeader(buf, msg.command(), length);
            writePayload(msg, buf);
            if (buf.readableBytes() != HEADER_LENGTH + length) {
                throw new IllegalStateException(msg.command() + " wrote " + (buf.readableBytes() - HEADER_LENGTH)
                        + " bytes for a declared payload of " + length);
            }
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
        out.add(buf);
    }

    /**
     * Encodes {@code msg} as one buffer (a composite one, without copying, for payload-holding messages).
     * {@code msg} is not released; the caller owns the returned buffer.
     *
     * @param msg the message
     * @param alloc the allocator for the new buffer
     * @return the whole frame, header included
     */
    public static ByteBuf encode(FoscMessage msg, ByteBufAllocator alloc) {
        List<Object> parts = new java.util.ArrayList<>(2);
        encode(msg, alloc, parts);
        if (parts.size() == 1) {
            return (ByteBuf) parts.get(0);
        }
        CompositeByteBuf composite = alloc.compositeBuffer(parts.size());
        for (Object part : parts) {
            composite.addComponent(true, (ByteBuf) part);
        }
        return composite;
    }

    /**
     * Writes a frame header.
     *
     * @param out the buffer written to
     * @param command the command id
     * @param payloadLength the payload length
     */
    public static void writeHeader(ByteBuf out, FoscCommand command, int payloadLength) {
        out.writeIntLE((int) command.id());
        out.writeInt(MAGIC);
        out.writeIntLE(payloadLength);
    }

    private static void writePayload(FoscMessage msg, ByteBuf out) {
        try {
            writeKnownPayload(msg, out);
        } catch (ClassCastException e) {
            throw new IllegalArgumentException("cannot encode " + msg.getClass().getName() + " as " + msg.command()
                    + ": only the codec's message types (or FoscUnknownMessage for raw frames) can be encoded");
        }
    }

    private static void writeKnownPayload(FoscMessage msg, ByteBuf out) {
        switch ((int) msg.command().id()) {
            case 0: ((FoscVideoOn) msg).write(out); break;
            case 1: ((FoscClose) msg).write(out); break;
            case 2: ((FoscAudioOn) msg).write(out); break;
            case 3: ((FoscAudioOff) msg).write(out); break;
            case 4: ((FoscSpeakerOn) msg).write(out); break;
            case 5: ((FoscSpeakerOff) msg).write(out); break;
            case 12: ((FoscLogin) msg).write(out); break;
            case 15: ((FoscLoginCheck) msg).write(out); break;
            case 16: ((FoscVideoOnReply) msg).write(out); break;
            case 18: ((FoscAudioOnReply) msg).write(out); break;
            case 20: ((FoscSpeakerOnReply) msg).write(out); break;
            case 21: ((FoscSpeakerOffReply) msg).write(out); break;
            case 29: ((FoscLoginCheckReply) msg).write(out); break;
            case 100: ((FoscLoginReply) msg).write(out); break;
            case 106: ((FoscPresetsChanged) msg).write(out); break;
            case 107: ((FoscCruisesChanged) msg).write(out); break;
            case 108: ((FoscMirrorFlip) msg).write(out); break;
            case 110: ((FoscColorAdjust) msg).write(out); break;
            case 111: ((FoscMotionAlert) msg).write(out); break;
            case 112: ((FoscPowerFrequency) msg).write(out); break;
            case 113: ((FoscStreamSelect) msg).write(out); break;
            default:
                throw new IllegalArgumentException("cannot encode " + msg.getClass().getName());
        }
    }
}
