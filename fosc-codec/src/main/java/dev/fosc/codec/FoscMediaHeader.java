package dev.fosc.codec;

import io.netty.buffer.ByteBuf;

/**
 * The 36-byte header at the start of every VIDEO_DATA (26) and AUDIO_DATA (27) payload (docs/protocol.md §4):
 * u64 timestamp @0; u32 video data length @8; u32 audio data length @12; u32 key frame flag @16; u32 width
 * {@literal @}20; u32 height @24; u32 frame rate @28; u32 bit rate @32. Audio frames leave the video fields zero.
 *
 * @param timestamp the camera's timestamp (milliseconds likely; units unverified)
 * @param videoLength the video data length (26): payload length − 36
 * @param audioLength the audio data length (27): payload length − 36
 * @param keyFrame whether the flag at @16 is non-zero (an IDR frame)
 * @param width pixels
 * @param height pixels
 * @param frameRate frames per second
 * @param bitRate bits per second
 */
public record FoscMediaHeader(long timestamp, int videoLength, int audioLength, boolean keyFrame, int width,
                              int height, int frameRate, int bitRate) {

    /** The header's size. */
    public static final int LENGTH = 36;

    /**
     * {@return a video header; the encoder fills in the data length}
     *
     * @param timestamp the timestamp
     * @param keyFrame the key frame
     * @param width the width
     * @param height the height
     * @param frameRate the frame rate
     * @param bitRate the bit rate
     */
    public static FoscMediaHeader video(long timestamp, boolean keyFrame, int width, int height, int frameRate,
                                        int bitRate) {
        return new FoscMediaHeader(timestamp, 0, 0, keyFrame, width, height, frameRate, bitRate);
    }

    /**
     * {@return an audio header; the encoder fills in the data length}
     *
     * @param timestamp the timestamp
     */
    public static FoscMediaHeader audio(long timestamp) {
        return new FoscMediaHeader(timestamp, 0, 0, false, 0, 0, 0, 0);
    }

    FoscMediaHeader withLengths(int video, int audio) {
        return video == videoLength && audio == audioLength ? this
                : new FoscMediaHeader(timestamp, video, audio, keyFrame, width, height, frameRate, bitRate);
    }

    void write(ByteBuf out) {
        out.writeLongLE(timestamp);
        out.writeIntLE(videoLength);
        out.writeIntLE(audioLength);
        out.writeIntLE(keyFrame ? 1 : 0);
        out.writeIntLE(width);
        out.writeIntLE(height);
        out.writeIntLE(frameRate);
        out.writeIntLE(bitRate);
    }

    /**
     * Reads the 36 bytes at {@code i} of {@code p} as a media header (little-endian, as on the wire); the indexes of
     * {@code p} do not move. No check beyond the buffer's bounds: the lengths are what the camera wrote, which a
     * decoder compares with the frame's payload length ({@link FoscVideoData} does).
     *
     * @param p the buffer
     * @param i where the header starts
     * @return the header
     * @throws IndexOutOfBoundsException if fewer than 36 bytes follow {@code i}
     */
    public static FoscMediaHeader read(ByteBuf p, int i) {
        // five reads instead of eight (each read checks the bounds and the buffer's liveness): pairs of u32 fields
        // are read as one little-endian u64, whose low half is the first field
        long lengths = p.getLongLE(i + 8);
        long keyAndWidth = p.getLongLE(i + 16);
        long heightAndRate = p.getLongLE(i + 24);
        return new FoscMediaHeader(p.getLongLE(i), (int) lengths, (int) (lengths >>> 32), (int) keyAndWidth != 0,
                (int) (keyAndWidth >>> 32), (int) heightAndRate, (int) (heightAndRate >>> 32), p.getIntLE(i + 32));
    }
}
