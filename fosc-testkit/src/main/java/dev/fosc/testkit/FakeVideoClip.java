package dev.fosc.testkit;

import dev.fosc.codec.H264Sps;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * An H.264 clip a {@link FakeCamera} streams, split into access units (one VIDEO_DATA frame each) and looped.
 *
 * <p>{@link #testPattern()} is the clip shipped with the testkit: ffmpeg's {@code testsrc} pattern, 640x360,
 * 25 fps, one key frame per second (every 25 frames), 100 frames (4 s), constrained baseline profile, Annex-B
 * with access unit delimiters, about 110 KB. {@link #fromFile(Path)} and {@link #fromAnnexB(byte[])} load any
 * Annex-B elementary stream instead; the picture size is read from its first SPS.
 *
 * <p>Immutable and thread-safe; one clip may be shared by any number of cameras. It exposes no buffers.
 */
public final class FakeVideoClip {

    /** The resource holding the shipped test pattern. */
    public static final String TEST_PATTERN_RESOURCE = "testsrc-640x360-25fps.h264";
    /** The frame rate of the shipped test pattern. */
    public static final int TEST_PATTERN_FPS = 25;

    private static volatile FakeVideoClip testPattern;

    private final List<H264AccessUnits.Unit> units;
    private final int width;
    private final int height;
    private final long totalBytes;

    private FakeVideoClip(List<H264AccessUnits.Unit> units, int width, int height) {
        this.units = List.copyOf(units);
        this.width = width;
        this.height = height;
        long total = 0;
        for (H264AccessUnits.Unit u : units) {
            total += u.data().length;
        }
        this.totalBytes = total;
    }

    /** {@return the clip shipped with the testkit (loaded once, then shared)} */
    public static FakeVideoClip testPattern() {
        FakeVideoClip clip = testPattern;
        if (clip == null) {
            try (InputStream in = FakeVideoClip.class.getResourceAsStream(TEST_PATTERN_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing testkit resource " + TEST_PATTERN_RESOURCE);
                }
                clip = fromAnnexB(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            testPattern = clip;
        }
        return clip;
    }

    /**
     * Loads an Annex-B H.264 elementary stream from a file (as written by
     * {@code ffmpeg ... -f h264 out.h264}).
     *
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if it is not an Annex-B stream with at least one picture, an SPS and
     *     an IDR (key) picture
     * @param file the file
     * @return the clip
     */
    public static FakeVideoClip fromFile(Path file) throws IOException {
        return fromAnnexB(Files.readAllBytes(file));
    }

    /**
     * A clip from the bytes of an Annex-B H.264 elementary stream (copied). A camera streams it from its first
     * IDR picture (what comes before is sent only when the clip loops), so the stream a client receives is
     * decodable from its first frame.
     *
     * @throws IllegalArgumentException if it is not an Annex-B stream with at least one picture, an SPS and
     *     an IDR (key) picture
     * @param stream the stream
     * @return a clip from the bytes of an Annex-B H.264 elementary stream (copied)
     */
    public static FakeVideoClip fromAnnexB(byte[] stream) {
        Objects.requireNonNull(stream, "stream");
        List<H264AccessUnits.Unit> units = H264AccessUnits.split(stream);
        byte[] sps = H264AccessUnits.firstSps(stream);
        if (sps == null) {
            throw new IllegalArgumentException("the H.264 stream has no SPS: the picture size is unknown");
        }
        if (units.stream().noneMatch(H264AccessUnits.Unit::idr)) {
            throw new IllegalArgumentException("the H.264 stream has no IDR (key) picture: a client could never start"
                    + " decoding it (encode it with key frames, e.g. ffmpeg -g 25)");
        }
        H264Sps parsed = H264Sps.parseNal(sps);
        return new FakeVideoClip(units, parsed.width(), parsed.height());
    }

    /** {@return the number of access units (pictures) before the clip loops} */
    public int frameCount() {
        return units.size();
    }

    /** {@return the picture width from the SPS, in pixels} */
    public int width() {
        return width;
    }

    /** {@return the picture height from the SPS, in pixels} */
    public int height() {
        return height;
    }

    /** {@return the index of the first key (IDR) frame, where a camera starts streaming the clip} */
    public int firstKeyFrame() {
        for (int i = 0; i < units.size(); i++) {
            if (units.get(i).idr()) {
                return i;
            }
        }
        throw new IllegalStateException("a clip without a key frame"); // fromAnnexB refuses those
    }

    /** {@return the number of key (IDR) frames in the clip} */
    public int keyFrameCount() {
        int n = 0;
        for (H264AccessUnits.Unit u : units) {
            n += u.idr() ? 1 : 0;
        }
        return n;
    }

    /**
     * {@return the average bit rate of the clip played at {@code fps} frames per second, in bit/s}
     *
     * @param fps the fps
     */
    public int averageBitRate(int fps) {
        return (int) Math.min(Integer.MAX_VALUE, totalBytes * 8L * fps / units.size());
    }

    /**
     * {@return a copy of access unit {@code index} (Annex-B, start codes included)}
     *
     * @param index the index, 0-based
     */
    public byte[] frame(int index) {
        return units.get(index).data().clone();
    }

    /**
     * {@return whether access unit {@code index} is a key (IDR) frame}
     *
     * @param index the index, 0-based
     */
    public boolean isKeyFrame(int index) {
        return units.get(index).idr();
    }

    List<H264AccessUnits.Unit> units() {
        return units;
    }

    @Override
    public String toString() {
        return "FakeVideoClip[" + width + "x" + height + ", frames=" + units.size() + ", keyFrames=" + keyFrameCount()
                + ", bytes=" + totalBytes + "]";
    }
}
