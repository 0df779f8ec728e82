package dev.fosc.cli.capture;

import io.netty.buffer.ByteBuf;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One direction of a captured session: the bytes as they crossed the wire, appended in order. Created readable
 * by its owner only (on POSIX file systems), because the client direction holds the login as the camera receives
 * it. The first write error is kept and later writes are skipped.
 *
 * <p><b>Threading:</b> written by the one event loop that relays this direction; {@link #bytes()} from any thread.
 */
final class CaptureFile implements Closeable {

    private final Path path;
    private final FileChannel channel;
    private final AtomicLong bytes = new AtomicLong();
    private volatile IOException error;

    CaptureFile(Path path) throws IOException {
        this.path = path;
        Files.deleteIfExists(path);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Appends the readable bytes of {@code buf} (its indexes unchanged). */
    void write(ByteBuf buf) {
        if (error != null) {
            return;
        }
        try {
            int n = buf.readableBytes();
            buf.getBytes(buf.readerIndex(), channel, channel.position(), n);
            channel.position(channel.position() + n);
            bytes.addAndGet(n);
        } catch (IOException e) {
            error = e;
        }
    }

    /** Bytes written so far. */
    long bytes() {
        return bytes.get();
    }

    /** The first write error, or {@code null}. */
    IOException error() {
        return error;
    }

    Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
