package dev.fosc.client;

import dev.fosc.codec.FoscAudioFormat;
import dev.fosc.codec.FoscMediaHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.util.ReferenceCounted;

/**
 * One audio frame from the camera (AUDIO_DATA, 27), 60 ms, as PCM (signed 16-bit little-endian, 8000 Hz, mono)
 * whatever the camera sent: G.726-16k frames (120 bytes) are decoded by the library; the bytes as received stay
 * available in {@link #original()}.
 *
 * <p><b>Ownership: borrowed.</b> The frame, {@link #pcm()} and {@link #original()} are valid only until the
 * callback that received it returns; the library releases them afterwards. {@link #retain()} keeps both buffers
 * (then {@link #release()} once per retain, from any thread); {@link #copyPcm()} and {@link #copyOriginal()}
 * need no reference counting.
 *
 * <p><b>Threading:</b> delivered on the session's event loop. Do not move the buffers' reader indexes.
 */
public interface FoscAudioFrame extends ReferenceCounted {

    /** {@return the media header (timestamp and audio length)} */
    FoscMediaHeader header();

    /** {@return the camera's timestamp} */
    default long timestamp() {
        return header().timestamp();
    }

    /** {@return the format the camera sent: PCM (960 bytes), G726 (120 bytes) or UNKNOWN (any other length)} */
    FoscAudioFormat format();

    /**
     * {@return the audio as 16-bit little-endian PCM at 8000 Hz mono: the original bytes for PCM, the decoded block for
     * G.726, empty for an unknown format} Borrowed.
     */
    ByteBuf pcm();

    /** {@return the audio bytes as the camera sent them (media header stripped)} Borrowed. */
    ByteBuf original();

    /** {@return a copy of {@link #pcm()}} */
    default byte[] copyPcm() {
        return ByteBufUtil.getBytes(pcm());
    }

    /** {@return a copy of {@link #original()}} */
    default byte[] copyOriginal() {
        return ByteBufUtil.getBytes(original());
    }

    @Override
    FoscAudioFrame retain();

    @Override
    FoscAudioFrame retain(int increment);

    @Override
    FoscAudioFrame touch();

    @Override
    FoscAudioFrame touch(Object hint);
}
