package dev.fosc.client;

import dev.fosc.codec.FoscMediaHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.util.ReferenceCounted;

/**
 * One video frame (VIDEO_DATA, 26): one H.264 access unit in Annex-B form with the fields of its media header.
 *
 * <p><b>Ownership: borrowed.</b> The frame and its {@link #data()} are valid only until the callback that
 * received it returns ({@link FoscSessionListener#onVideoFrame} or {@code Flow.Subscriber.onNext}); the library
 * releases it afterwards. To keep it longer call {@link #retain()} and later {@link #release()} exactly once per
 * retain, from any thread. A retained frame pins the whole receive buffer it was sliced from, so data kept for
 * long should be copied instead: {@link #copyData()} needs no reference counting at all.
 *
 * <p><b>Threading:</b> delivered on the session's event loop. The header values are immutable; the buffer's
 * reader index must not be moved by the application ({@code data().duplicate()} to read it with an index).
 */
public interface FoscVideoFrame extends ReferenceCounted {

    /** {@return the whole media header (timestamp, lengths, key frame flag, width, height, frame rate, bit rate)} */
    FoscMediaHeader header();

    /** {@return the camera's timestamp (milliseconds likely; docs/protocol.md §4)} */
    default long timestamp() {
        return header().timestamp();
    }

    /** {@return whether this is a key (IDR) frame} */
    default boolean isKeyFrame() {
        return header().keyFrame();
    }

    /** {@return the width in pixels, from the media header} */
    default int width() {
        return header().width();
    }

    /** {@return the height in pixels, from the media header} */
    default int height() {
        return header().height();
    }

    /** {@return the frame rate, from the media header} */
    default int frameRate() {
        return header().frameRate();
    }

    /** {@return the bit rate in bit/s, from the media header} */
    default int bitRate() {
        return header().bitRate();
    }

    /**
     * {@return whether the video stream broke just before this frame: true on the first frame after a reconnect (the
     * connection that carried the video was lost) and on the first frame after {@link FoscSession#videoOff()} and a
     * later {@link FoscSession#videoOn}; false on the session's very first frame and on every frame that follows
     * its predecessor on the same connection} A recorder starts a new segment (or file) here and waits for the next
     * key frame ({@link dev.fosc.client.record.FoscKeyFrameGate}); the camera's timestamps may jump or restart.
     *
     * <p>It reports breaks in what the camera sent, not frames a slow {@code Flow} subscriber lost to
     * {@link FoscVideoOverflow#DROP_UNTIL_KEY_FRAME} (that policy resumes at a key frame by itself).
     *
     * <p>The library's frames implement it; the default ({@code false}) is for frames an application makes itself,
     * such as test doubles.
     */
    default boolean isDiscontinuity() {
        return false;
    }

    /** {@return the stream this frame belongs to (the one requested with {@link FoscSession#videoOn})} */
    FoscStream stream();

    /** {@return the H.264 data (Annex-B, media header stripped)} Borrowed: see the class documentation. */
    ByteBuf data();

    /** {@return a copy of {@link #data()} that needs no reference counting} */
    default byte[] copyData() {
        return ByteBufUtil.getBytes(data());
    }

    @Override
    FoscVideoFrame retain();

    @Override
    FoscVideoFrame retain(int increment);

    @Override
    FoscVideoFrame touch();

    @Override
    FoscVideoFrame touch(Object hint);
}
