package dev.fosc.client.record;

import dev.fosc.codec.FoscMediaHeader;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a raw H.264 elementary stream file ({@code .h264}, what ffmpeg and VLC play): the access units of
 * consecutive video frames ({@link dev.fosc.client.FoscVideoFrame#data()}, Annex-B, media header stripped)
 * concatenated. The file starts at a key frame; after {@link #resync()} frames are skipped until the next key frame,
 * so a decoder never sees references to frames it did not get. Call {@code resync()} for a frame that
 * {@link dev.fosc.client.FoscVideoFrame#isDiscontinuity() is a discontinuity} (a reconnect broke the stream) before
 * writing it. The camera's key frames carry their SPS and PPS in-band, so the file needs nothing else.
 *
 * <p><b>Threading and ownership:</b> not thread-safe; writes block on the file system, so use it on an application
 * thread (a writer thread fed with {@link dev.fosc.client.FoscVideoFrame#copyData()} copies), never on the event
 * loop. It owns the file and closes it in {@link #close()}; the byte arrays it is given stay the caller's.
 */
public final class FoscH264FileWriter implements Closeable {

    private final OutputStream out;
    private boolean waitingForKeyFrame = true;
    private long frames;
    private long keyFrames;
    private long skipped;
    private long bytes;
    private FoscMediaHeader first;
    private FoscMediaHeader last;

    /**
     * Creates (or truncates) {@code file}.
     *
     * @param file the file
     * @throws IOException if the file cannot be created
     */
    public FoscH264FileWriter(Path file) throws IOException {
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    }

    /**
     * Appends one frame, or skips it while waiting for a key frame.
     *
     * @return whether it was written
     * @param header the frame's media header
     * @param data the frame's H.264 data (Annex-B)
     * @throws IOException if writing fails
     */
    public boolean write(FoscMediaHeader header, byte[] data) throws IOException {
        if (waitingForKeyFrame && !header.keyFrame()) {
            skipped++;
            return false;
        }
        waitingForKeyFrame = false;
        out.write(data);
        frames++;
        bytes += data.length;
        if (header.keyFrame()) {
            keyFrames++;
        }
        if (first == null) {
            first = header;
        }
        last = header;
        return true;
    }

    /** Skips frames until the next key frame (after a reconnect). */
    public void resync() {
        waitingForKeyFrame = true;
    }

    /** {@return frames written} */
    public long frames() {
        return frames;
    }

    /** {@return key frames written} */
    public long keyFrames() {
        return keyFrames;
    }

    /** {@return frames skipped while waiting for a key frame} */
    public long skipped() {
        return skipped;
    }

    /** {@return bytes written} */
    public long bytes() {
        return bytes;
    }

    /** {@return the media header of the first frame written, or {@code null}} */
    public FoscMediaHeader first() {
        return first;
    }

    /** {@return the media header of the last frame written, or {@code null}} */
    public FoscMediaHeader last() {
        return last;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
