package dev.fosc.testkit;

import dev.fosc.codec.FoscCommand;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One frame a {@link FakeCamera} received, recorded for assertions. An immutable value: the map is
 * unmodifiable and the bytes are copied in (by the public constructor) and out (by {@link #bytes()} and
 * {@link #payload()}). The camera itself hands over the one copy it makes of each frame, so recording copies a
 * frame once.
 *
 * <p>Thread-safe (immutable).
 */
public final class FakeRecordedFrame {

    private final int connectionIndex;
    private final FoscCommand command;
    private final Map<String, Object> fields;
    private final byte[] bytes;
    private final long receivedNanos;

    /**
     * A recorded frame (the map and the bytes are copied).
     *
     * @param connectionIndex the connection it came on: 0 for the camera's first accepted connection, then
     *     1, 2...
     * @param command the frame's command
     * @param fields the decoded form (docs/protocol.md §8 names, from {@code FoscDecodedForm}; the password redacted)
     * @param bytes the whole frame as received, the 12-byte header included
     * @param receivedNanos when it was read, on the {@link System#nanoTime()} clock
     */
    public FakeRecordedFrame(int connectionIndex, FoscCommand command, Map<String, Object> fields, byte[] bytes,
                             long receivedNanos) {
        this(connectionIndex, command, new LinkedHashMap<>(fields), bytes.clone(), receivedNanos, true);
    }

    /** Takes {@code ownedFields} and {@code ownedBytes} over ({@code owned} only tells this from the public one). */
    private FakeRecordedFrame(int connectionIndex, FoscCommand command, LinkedHashMap<String, Object> ownedFields,
                              byte[] ownedBytes, long receivedNanos, boolean owned) {
        this.connectionIndex = connectionIndex;
        this.command = Objects.requireNonNull(command, "command");
        // keep the decoded form's key order; its values are immutable (numbers, strings, List.copyOf lists)
        this.fields = Collections.unmodifiableMap(ownedFields);
        this.bytes = Objects.requireNonNull(ownedBytes, "bytes");
        this.receivedNanos = receivedNanos;
    }

    /** A frame that takes {@code bytes} and {@code fields} over without copying: the caller must drop them. */
    static FakeRecordedFrame owning(int connectionIndex, FoscCommand command, Map<String, Object> fields,
                                    byte[] bytes, long receivedNanos) {
        @SuppressWarnings("unchecked")
        LinkedHashMap<String, Object> map = fields instanceof LinkedHashMap ? (LinkedHashMap<String, Object>) fields
                : new LinkedHashMap<>(fields);
        return new FakeRecordedFrame(connectionIndex, command, map, bytes, receivedNanos, true);
    }

    /** {@return the connection it came on: 0 for the camera's first accepted connection, then 1, 2..} */
    public int connectionIndex() {
        return connectionIndex;
    }

    /** {@return the frame's command} */
    public FoscCommand command() {
        return command;
    }

    /**
     * {@return the decoded form (docs/protocol.md §8 names; the password redacted), unmodifiable, in the codec's key
     * order}
     */
    public Map<String, Object> fields() {
        return fields;
    }

    /** {@return a copy of the whole frame as received, the 12-byte header included} */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** {@return the frame's size in bytes, the header included (no copy)} */
    public int size() {
        return bytes.length;
    }

    /** {@return when it was read, on the {@link System#nanoTime()} clock} */
    public long receivedNanos() {
        return receivedNanos;
    }

    /** {@return a copy of the payload (the frame without its 12-byte header)} */
    public byte[] payload() {
        return Arrays.copyOfRange(bytes, Math.min(12, bytes.length), bytes.length);
    }

    /**
     * {@return the decoded field {@code name}, or null}
     *
     * @param name the name
     */
    public Object field(String name) {
        return fields.get(name);
    }

    /**
     * {@return whether this is a frame of {@code command}}
     *
     * @param command the command id
     */
    public boolean is(FoscCommand command) {
        return this.command.equals(command);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FakeRecordedFrame)) {
            return false;
        }
        FakeRecordedFrame f = (FakeRecordedFrame) o;
        return connectionIndex == f.connectionIndex && command.equals(f.command) && fields.equals(f.fields)
                && Arrays.equals(bytes, f.bytes) && receivedNanos == f.receivedNanos;
    }

    @Override
    public int hashCode() {
        return Objects.hash(connectionIndex, command, fields, Arrays.hashCode(bytes), receivedNanos);
    }

    /** One line: connection, command and decoded fields (never payload bytes, never a password). */
    @Override
    public String toString() {
        return "#" + connectionIndex + " " + command + " " + fields;
    }
}
