package dev.fosc.client.record;

import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Writes a {@code .wav} file: RIFF/WAVE of signed 16-bit little-endian PCM, 8000 Hz, mono, which is what
 * {@link dev.fosc.client.FoscAudioFrame#pcm()} holds for every camera (G.726 decoded). The header's sizes are
 * written as zero first and filled in by {@link #close()}: a file not closed plays in most players but declares
 * no length.
 *
 * <p><b>Threading and ownership:</b> not thread-safe; writes block on the file system, so use it on an application
 * thread (fed with {@link dev.fosc.client.FoscAudioFrame#copyPcm()} copies), never on the event loop. It owns the
 * file and closes it in {@link #close()}; the byte arrays it is given stay the caller's.
 */
public final class FoscWavFileWriter implements Closeable {

    /** Samples per second. */
    public static final int SAMPLE_RATE = 8000;
    /** Bytes per sample (16-bit mono). */
    public static final int BYTES_PER_SAMPLE = 2;
    private static final int HEADER = 44;

    private final RandomAccessFile file;
    private long dataBytes;

    /**
     * Creates (or truncates) {@code path} and writes the header.
     *
     * @param path the path
     * @throws IOException if the file cannot be created or the header written
     */
    public FoscWavFileWriter(Path path) throws IOException {
        this.file = new RandomAccessFile(path.toFile(), "rw");
        file.setLength(0);
        file.write(header(0));
    }

    /**
     * Appends PCM bytes (a whole number of samples).
     *
     * @param pcm 16-bit little-endian PCM, 8000 Hz mono
     * @throws IOException if writing fails
     */
    public void write(byte[] pcm) throws IOException {
        file.write(pcm);
        dataBytes += pcm.length;
    }

    /** {@return PCM bytes written} */
    public long dataBytes() {
        return dataBytes;
    }

    /** {@return the audio duration written, in milliseconds} */
    public long durationMillis() {
        return dataBytes * 1000 / (SAMPLE_RATE * BYTES_PER_SAMPLE);
    }

    /** Fills in the sizes and closes the file. */
    @Override
    public void close() throws IOException {
        try {
            file.seek(0);
            file.write(header(dataBytes));
        } finally {
            file.close();
        }
    }

    private static byte[] header(long dataBytes) {
        int data = (int) Math.min(dataBytes, 0xFFFF_FFFFL - 36);
        ByteBuffer b = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {'R', 'I', 'F', 'F'}).putInt(36 + data).put(new byte[] {'W', 'A', 'V', 'E'});
        b.put(new byte[] {'f', 'm', 't', ' '}).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(SAMPLE_RATE).putInt(SAMPLE_RATE * BYTES_PER_SAMPLE).putShort((short) BYTES_PER_SAMPLE)
                .putShort((short) 16);
        b.put(new byte[] {'d', 'a', 't', 'a'}).putInt(data);
        return b.array();
    }
}
