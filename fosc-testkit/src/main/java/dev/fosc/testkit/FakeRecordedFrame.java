package dev.fosc.testkit;

import dev.fosc.codec.FoscCommand;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One frame a {@link FakeCamera} received, recorded for assertions. An immutable value: the map is
 * unmodifiable and the bytes are copied in and out.
 *
 * @param connectionIndex the connection it came on: 0 for the camera's first accepted connection, then 1, 2...
 * @param command the frame's command
 * @param fields the decoded form (PROTOCOL.md §8 names, from {@code FoscDecodedForm}; the password redacted)
 * @param bytes the whole frame as received, the 12-byte header included
 * @param receivedNanos when it was read, on the {@link System#nanoTime()} clock
 */
public record FakeRecordedFrame(int connectionIndex, FoscCommand command, Map<String, Object> fields, byte[] bytes,
                                long receivedNanos) {

    public FakeRecordedFrame {
        Objects.requireNonNull(command, "command");
        // keep the decoded form's key order; its values are immutable (numbers, strings, List.copyOf lists)
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        bytes = bytes.clone();
    }

    /** A copy of the whole frame. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** A copy of the payload (the frame without its 12-byte header). */
    public byte[] payload() {
        return Arrays.copyOfRange(bytes, Math.min(12, bytes.length), bytes.length);
    }

    /** The decoded field {@code name}, or null. */
    public Object field(String name) {
        return fields.get(name);
    }

    /** Whether this is a frame of {@code command}. */
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
