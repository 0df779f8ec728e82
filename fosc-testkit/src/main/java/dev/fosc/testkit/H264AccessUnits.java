package dev.fosc.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an H.264 Annex-B elementary stream into access units (one picture each, the unit a camera puts in
 * one VIDEO_DATA frame). A new access unit starts at an access unit delimiter (NAL type 9), at an SPS, PPS or
 * SEI that follows a slice, or at a slice whose {@code first_mb_in_slice} is 0 after a slice of the current
 * unit. SPS and PPS therefore travel with the IDR picture they precede. Stateless.
 */
final class H264AccessUnits {

    static final int NAL_SLICE = 1;
    static final int NAL_IDR = 5;
    static final int NAL_SEI = 6;
    static final int NAL_SPS = 7;
    static final int NAL_PPS = 8;
    static final int NAL_AUD = 9;

    private H264AccessUnits() {
    }

    /** One access unit: its bytes (start codes included) and whether it holds an IDR slice. */
    record Unit(byte[] data, boolean idr) {
    }

    /** Offsets of NAL units: {@code [start code start, nal header index]} pairs, in order. */
    static List<int[]> nalUnits(byte[] s) {
        List<int[]> nals = new ArrayList<>();
        int i = 0;
        while (i + 3 <= s.length) {
            if (s[i] == 0 && s[i + 1] == 0 && s[i + 2] == 1) {
                int start = i > 0 && s[i - 1] == 0 ? i - 1 : i;
                // a 4-byte start code's leading zero belongs to this NAL's start code
                nals.add(new int[] {start, i + 3});
                i += 3;
            } else {
                i++;
            }
        }
        return nals;
    }

    /**
     * The access units of {@code stream}.
     *
     * @throws IllegalArgumentException if the stream holds no NAL unit or no slice
     */
    static List<Unit> split(byte[] stream) {
        List<int[]> nals = nalUnits(stream);
        if (nals.isEmpty()) {
            throw new IllegalArgumentException("not an H.264 Annex-B stream: no start code found");
        }
        List<Unit> units = new ArrayList<>();
        int unitStart = 0;
        boolean sawSlice = false;
        boolean idr = false;
        for (int n = 0; n < nals.size(); n++) {
            int header = nals.get(n)[1];
            if (header >= stream.length) {
                break;
            }
            int type = stream[header] & 0x1f;
            boolean slice = type == NAL_SLICE || type == NAL_IDR;
            boolean firstMb = slice && header + 1 < stream.length && (stream[header + 1] & 0x80) != 0;
            boolean boundary = sawSlice && (type == NAL_AUD || type == NAL_SPS || type == NAL_PPS
                    || type == NAL_SEI || firstMb);
            int nalStart = n == 0 ? 0 : nals.get(n)[0];
            if (boundary) {
                units.add(new Unit(copy(stream, unitStart, nalStart), idr));
                unitStart = nalStart;
                sawSlice = false;
                idr = false;
            }
            if (slice) {
                sawSlice = true;
                idr |= type == NAL_IDR;
            }
        }
        if (sawSlice) {
            units.add(new Unit(copy(stream, unitStart, stream.length), idr));
        }
        if (units.isEmpty()) {
            throw new IllegalArgumentException("the H.264 stream holds no picture (no slice NAL unit)");
        }
        return units;
    }

    private static byte[] copy(byte[] s, int from, int to) {
        byte[] out = new byte[to - from];
        System.arraycopy(s, from, out, 0, out.length);
        return out;
    }

    /**
     * The first SPS NAL unit in {@code stream} as it is there (header byte first, emulation prevention bytes in: what
     * {@code H264Sps.parseNal} reads), or null.
     */
    static byte[] firstSps(byte[] stream) {
        List<int[]> nals = nalUnits(stream);
        for (int n = 0; n < nals.size(); n++) {
            int header = nals.get(n)[1];
            if (header < stream.length && (stream[header] & 0x1f) == NAL_SPS) {
                int end = n + 1 < nals.size() ? nals.get(n + 1)[0] : stream.length;
                return copy(stream, header, end);
            }
        }
        return null;
    }
}
