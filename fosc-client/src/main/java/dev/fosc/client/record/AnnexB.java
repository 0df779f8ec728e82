package dev.fosc.client.record;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an H.264 access unit in Annex-B form (NAL units after {@code 00 00 01} or {@code 00 00 00 01} start codes)
 * into its NAL units. Reads the buffer by absolute index: its reader index does not move. Stateless.
 */
final class AnnexB {

    private AnnexB() {
    }

    /**
     * The NAL units of {@code accessUnit}'s readable bytes, each without its start code and without trailing zero
     * bytes (which belong to the next start code), in stream order; stops after the first slice of a picture (NAL
     * types 1 and 5), since parameter sets precede it.
     */
    static List<byte[]> nalUnitsBeforeFirstSlice(ByteBuf accessUnit) {
        List<byte[]> out = new ArrayList<>();
        int end = accessUnit.writerIndex();
        int start = nextNalStart(accessUnit, accessUnit.readerIndex(), end);
        while (start >= 0 && start < end) {
            int next = nextNalStart(accessUnit, start, end);
            int stop = next < 0 ? end : next - 3;
            while (stop > start && accessUnit.getByte(stop - 1) == 0) {
                stop--;
            }
            if (stop > start) {
                out.add(ByteBufUtil.getBytes(accessUnit, start, stop - start));
                int type = accessUnit.getByte(start) & 0x1f;
                if (type == 1 || type == 5) {
                    break;
                }
            }
            start = next;
        }
        return out;
    }

    /** The index just after the next {@code 00 00 01} at or after {@code from}, or -1. */
    private static int nextNalStart(ByteBuf b, int from, int end) {
        for (int i = from; i + 2 < end; i++) {
            if (b.getByte(i + 2) == 1 && b.getByte(i + 1) == 0 && b.getByte(i) == 0) {
                return i + 3;
            }
        }
        return -1;
    }
}
