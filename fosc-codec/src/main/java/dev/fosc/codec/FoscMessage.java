package dev.fosc.codec;

/**
 * One decoded FOSC frame: a typed, immutable message per command, an {@link FoscUnknownMessage} for ids
 * this library does not know, or an {@link FoscInvalidMessage} for a known command whose payload was
 * malformed.
 *
 * <p>Messages that carry media or raw payloads ({@link FoscVideoData}, {@link FoscAudioData},
 * {@link FoscTalkData}, {@link FoscUnknownMessage}) are reference-counted {@code ByteBufHolder}s; the
 * ownership rules are in this package's documentation. All other messages are plain values.
 *
 * <p>{@code toString()} shows the command and sizes, never payload bytes and never a password.
 */
public interface FoscMessage {

    /** {@return the command id of the frame} */
    FoscCommand command();

    /** {@return the payload length this message has on the wire (excluding the 12-byte frame header)} */
    int payloadLength();
}
