package dev.fosc.codec;

import io.netty.buffer.ByteBuf;

import java.util.List;
import java.util.Objects;

/**
 * LOGIN_REPLY (100): the reply to LOGIN. Layout (docs/protocol.md §3): u32 result @0 (0 ok; 1 bad user or
 * password, 2 access denied, 3 too many users); u8 preset count @8 and 16 {@code str32} names @9; u8 cruise
 * count @525 and 8 {@code str32} names @526; {@code str12} camera id @878; more bytes this library does not
 * interpret.
 *
 * <p>A refused login may come with an empty payload (the seed camera) or a non-zero result. Decoding: an
 * empty payload is a refusal with {@link #RESULT_EMPTY}; 1..3 bytes, an accepted reply shorter than
 * {@value #MIN_ACCEPTED_LENGTH} bytes, or a count above its maximum is a malformed payload.
 *
 * <p>{@link #RESULT_EMPTY} (-1) means "empty payload" only together with {@code payloadLength() == 0}: a
 * payload whose u32 result is 0xFFFFFFFF also decodes as -1. Test for the empty refusal with
 * {@link #isEmptyRefusal()}, not by comparing the result.
 *
 * @param result 0 accepted, non-zero refused (the u32 on the wire, as a signed int); {@link #RESULT_EMPTY} for
 *     an empty payload
 * @param presets the valid preset names (at most 16)
 * @param cruises the valid cruise names (at most 8)
 * @param cameraId the camera id (at most 12 bytes), empty if the reply did not carry one
 * @param payloadLength the size on the wire: 0, 4..{@value #MIN_ACCEPTED_LENGTH} (result only, refused) or
 *     at least {@value #MIN_ACCEPTED_LENGTH}; zero-padded beyond the known fields
 */
public record FoscLoginReply(int result, List<String> presets, List<String> cruises, String cameraId,
                             int payloadLength) implements FoscMessage {

    /**
     * The result reported for an empty payload (the seed camera's refusal). Only meaningful with
     * {@code payloadLength() == 0}, see {@link #isEmptyRefusal()}: a wire result of 0xFFFFFFFF reads the same.
     */
    public static final int RESULT_EMPTY = -1;
    /** Result: bad user or password. */
    public static final int RESULT_BAD_CREDENTIALS = 1;
    /** Result: access denied. */
    public static final int RESULT_ACCESS_DENIED = 2;
    /** Result: too many users. */
    public static final int RESULT_TOO_MANY_USERS = 3;
    /** The smallest payload that holds every field this library reads. */
    public static final int MIN_ACCEPTED_LENGTH = 890;
    /** The size this library's encoder gives an accepted reply by default (real payloads reach 2,217+). */
    public static final int DEFAULT_LENGTH = 2220;

    static final int PRESETS_AT = 8;
    static final int CRUISES_AT = 525;
    static final int CAMERA_ID_AT = 878;
    static final int CAMERA_ID_BYTES = 12;

    /**
     * Creates the message, checking its components.
     *
     * @param result 0 accepted, non-zero refused (the u32 on the wire, as a signed int); {@link #RESULT_EMPTY} for
     *     an empty payload
     * @param presets the valid preset names (at most 16)
     * @param cruises the valid cruise names (at most 8)
     * @param cameraId the camera id (at most 12 bytes), empty if the reply did not carry one
     * @param payloadLength the size on the wire: 0, 4..{@value #MIN_ACCEPTED_LENGTH} (result only, refused) or
     *     at least {@value #MIN_ACCEPTED_LENGTH}; zero-padded beyond the known fields
     * @throws IllegalArgumentException if a component is out of range
     * @throws NullPointerException if a reference component is null
     */
    public FoscLoginReply {
        presets = FoscNameList.validate("preset", presets, FoscNameList.MAX_PRESETS);
        cruises = FoscNameList.validate("cruise", cruises, FoscNameList.MAX_CRUISES);
        Objects.requireNonNull(cameraId, "cameraId");
        if (FoscWire.utf8Length(cameraId) > CAMERA_ID_BYTES) {
            throw new IllegalArgumentException("camera id longer than " + CAMERA_ID_BYTES + " bytes: " + cameraId);
        }
        if (payloadLength == 0 ? result != RESULT_EMPTY
                : payloadLength < 4 || (payloadLength < MIN_ACCEPTED_LENGTH && result == 0)) {
            throw new IllegalArgumentException("LOGIN_REPLY of " + payloadLength + " bytes cannot carry result "
                    + result);
        }
    }

    /**
     * {@return an accepted login reply of {@value #DEFAULT_LENGTH} bytes}
     *
     * @param presets the presets
     * @param cruises the cruises
     * @param cameraId the camera id
     */
    public static FoscLoginReply accepted(List<String> presets, List<String> cruises, String cameraId) {
        return new FoscLoginReply(0, presets, cruises, cameraId, DEFAULT_LENGTH);
    }

    /**
     * {@return a refusal carrying {@code result} (non-zero) in an 8-byte payload}
     *
     * @param result the result
     */
    public static FoscLoginReply refused(int result) {
        if (result == 0 || result == RESULT_EMPTY) {
            throw new IllegalArgumentException("a refusal needs a non-zero result: " + result);
        }
        return new FoscLoginReply(result, List.of(), List.of(), "", 8);
    }

    /** {@return the seed camera's refusal: an empty payload} */
    public static FoscLoginReply refusedEmpty() {
        return new FoscLoginReply(RESULT_EMPTY, List.of(), List.of(), "", 0);
    }

    /**
     * {@return whether this is a refusal with an empty payload (the seed camera's form):
     * {@code payloadLength() == 0}}
     */
    public boolean isEmptyRefusal() {
        return payloadLength == 0;
    }

    /** {@return whether the camera accepted the login: a result of 0 in a full payload} */
    public boolean isAccepted() {
        return result == 0 && payloadLength >= MIN_ACCEPTED_LENGTH;
    }

    @Override
    public FoscCommand command() {
        return FoscCommand.LOGIN_REPLY;
    }

    void write(ByteBuf out) {
        if (payloadLength == 0) {
            return;
        }
        int start = out.writerIndex();
        out.writeIntLE(result);
        if (payloadLength >= MIN_ACCEPTED_LENGTH) {
            out.writeZero(PRESETS_AT - 4);
            FoscNameList.write(out, presets, FoscNameList.MAX_PRESETS);
            out.writeZero(4);
            FoscNameList.write(out, cruises, FoscNameList.MAX_CRUISES);
            out.writeZero(CAMERA_ID_AT - (out.writerIndex() - start));
            FoscWire.writeString(out, cameraId, CAMERA_ID_BYTES);
        }
        out.writeZero(payloadLength - (out.writerIndex() - start));
    }

    static FoscLoginReply decode(ByteBuf p) {
        int length = p.readableBytes();
        if (length == 0) {
            return refusedEmpty();
        }
        FoscWire.requireAtLeast(FoscCommand.LOGIN_REPLY, p, 4);
        int i = p.readerIndex();
        int result = p.getIntLE(i);
        if (length < MIN_ACCEPTED_LENGTH) {
            if (result == 0) {
                throw FoscWire.tooShort(FoscCommand.LOGIN_REPLY, length, MIN_ACCEPTED_LENGTH);
            }
            return new FoscLoginReply(result, List.of(), List.of(), "", length);
        }
        List<String> presets = FoscNameList.read(FoscCommand.LOGIN_REPLY, p, i + PRESETS_AT, FoscNameList.MAX_PRESETS);
        List<String> cruises = FoscNameList.read(FoscCommand.LOGIN_REPLY, p, i + CRUISES_AT, FoscNameList.MAX_CRUISES);
        String cameraId = FoscWire.getString(p, i + CAMERA_ID_AT, CAMERA_ID_BYTES);
        return new FoscLoginReply(result, presets, cruises, cameraId, length);
    }

    @Override
    public String toString() {
        return "FoscLoginReply[result=" + result + ", presets=" + presets.size() + ", cruises=" + cruises.size()
                + ", cameraId=" + cameraId + ", length=" + payloadLength + "]";
    }
}
