package dev.fosc.cli.record;

import dev.fosc.codec.FoscMediaHeader;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code video.h264}: the H.264 access units of consecutive VIDEO_DATA frames (Annex-B, media headers
 * already stripped by the client) concatenated into a raw elementary stream that ffmpeg plays. The file starts at
 * a key frame; after {@link #resync()} (a reconnect) frames are skipped until the next key frame, so a decoder
 * never sees references to frames it did not get.
 *
 * <p>Not thread-safe: used by the recorder's writer thread only.
 */
public final class H264FileWriter implements Closeable {

    private final OutputStream out;
    private boolean waitingForKeyFrame = true;
    private long frames;
    private long keyFrames;
    private long skipped;
    private long bytes;
    private FoscMediaHeader first;
    private FoscMediaHeader last;

    /** Creates (or truncates) {@code file}. */
    public H264FileWriter(Path file) throws IOException {
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    }

    /**
     * Appends one frame, or skips it while waiting for a key frame.
     *
     * @return whether it was written
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

    /** Frames written. */
    public long frames() {
        return frames;
    }

    /** Key frames written. */
    public long keyFrames() {
        return keyFrames;
    }

    /** Frames skipped while waiting for a key frame. */
    public long skipped() {
        return skipped;
    }

    /** Bytes written. */
    public long bytes() {
        return bytes;
    }

    /** The media header of the first frame written, or {@code null}. */
    public FoscMediaHeader first() {
        return first;
    }

    /** The media header of the last frame written, or {@code null}. */
    public FoscMediaHeader last() {
        return last;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
