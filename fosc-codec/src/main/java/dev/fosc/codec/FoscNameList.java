package dev.fosc.codec;

import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.List;

/**
 * The preset and cruise name lists: a u8 count followed by a fixed number of {@code str32} slots. A deleted
 * name has only its first byte zeroed, so the valid names are the non-empty slots, as many as the count.
 */
final class FoscNameList {

    static final int NAME_BYTES = 32;
    static final int MAX_PRESETS = 16;
    static final int MAX_CRUISES = 8;

    private FoscNameList() {
    }

    /** Bytes taken by the count and {@code slots} names. */
    static int size(int slots) {
        return 1 + slots * NAME_BYTES;
    }

    static List<String> validate(String what, List<String> names, int slots) {
        List<String> copy = List.copyOf(names);
        if (copy.size() > slots) {
            throw new IllegalArgumentException("at most " + slots + " " + what + ": " + copy.size());
        }
        for (String name : copy) {
            if (name.isEmpty() || FoscWire.utf8Length(name) > NAME_BYTES) {
                throw new IllegalArgumentException(what + " names must be 1.." + NAME_BYTES + " UTF-8 bytes: '" + name
                        + "'");
            }
        }
        return copy;
    }

    static void write(ByteBuf out, List<String> names, int slots) {
        out.writeByte(names.size());
        for (String name : names) {
            FoscWire.writeString(out, name, NAME_BYTES);
        }
        out.writeZero((slots - names.size()) * NAME_BYTES);
    }

    static List<String> read(FoscCommand command, ByteBuf p, int index, int slots) {
        int count = p.getUnsignedByte(index);
        if (count > slots) {
            throw new FoscMalformedPayloadException(command + " names count " + count + " exceeds " + slots);
        }
        List<String> names = new ArrayList<>(count);
        for (int slot = 0; slot < slots && names.size() < count; slot++) {
            int at = index + 1 + slot * NAME_BYTES;
            if (p.getByte(at) != 0) {
                names.add(FoscWire.getString(p, at, NAME_BYTES));
            }
        }
        return List.copyOf(names);
    }
}
