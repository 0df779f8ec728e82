package dev.fosc.bridge;

import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an H.264 access unit in Annex-B form (start codes {@code 00 00 01} or {@code 00 00 00 01}) into its NAL
 * units, as index ranges of the buffer it was given: nothing is copied. Stateless; thread-safe.
 */
final class AnnexB {

    private AnnexB() {
    }

    /**
     * The NAL units of {@code data} between its reader and writer index, each as {@code {offset, length}} (absolute
     * indexes into {@code data}, start codes excluded, trailing zero bytes of the next start code excluded).
     * Bytes before the first start code are ignored.
     */
    static List<int[]> nalUnits(ByteBuf data) {
        List<int[]> units = new ArrayList<>();
        int end = data.writerIndex();
        int start = -1;
        int i = data.readerIndex();
        while (i + 2 < end) {
            if (data.getByte(i) == 0 && data.getByte(i + 1) == 0 && data.getByte(i + 2) == 1) {
                if (start >= 0) {
                    addUnit(units, data, start, i);
                }
                start = i + 3;
                i += 3;
            } else {
                i++;
            }
        }
        if (start >= 0) {
            addUnit(units, data, start, end);
        }
        return units;
    }

    private static void addUnit(List<int[]> units, ByteBuf data, int start, int end) {
        int e = end;
        while (e > start && data.getByte(e - 1) == 0) {
            e--; // the leading zero of a four-byte start code, or trailing_zero_8bits
        }
        if (e > start) {
            units.add(new int[] {start, e - start});
        }
    }

    /** The nal_unit_type (the low five bits of the NAL header). */
    static int type(ByteBuf data, int[] unit) {
        return data.getByte(unit[0]) & 0x1F;
    }
}
