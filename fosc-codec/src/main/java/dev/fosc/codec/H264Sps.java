package dev.fosc.codec;

import java.util.Locale;

/**
 * The fields of an H.264 sequence parameter set (ITU-T H.264 §7.3.2.1.1) that a recorder or an RTSP server needs:
 * profile, constraint flags and level (RFC 6184's {@code profile-level-id}) and the displayed picture size. Enough
 * of the syntax is read to reach the macroblock counts and the frame cropping; the VUI is not read. The camera's
 * key frames carry their SPS in-band (NAL unit type 7).
 *
 * <p>Immutable and thread-safe.
 */
public final class H264Sps {

    /** The NAL unit type of a sequence parameter set. */
    public static final int NAL_TYPE = 7;

    private final int profileIdc;
    private final int constraintFlags;
    private final int levelIdc;
    private final int width;
    private final int height;

    private H264Sps(int profileIdc, int constraintFlags, int levelIdc, int width, int height) {
        this.profileIdc = profileIdc;
        this.constraintFlags = constraintFlags;
        this.levelIdc = levelIdc;
        this.width = width;
        this.height = height;
    }

    /**
     * Parses an SPS NAL unit as it appears in the stream: its header byte first (type {@value #NAL_TYPE}), no start
     * code, emulation prevention bytes still in.
     *
     * @throws IllegalArgumentException if it is not an SPS or cannot be read (truncated, a bad Exp-Golomb code)
     * @param nal the NAL unit, header byte first
     * @return the parsed SPS
     */
    public static H264Sps parseNal(byte[] nal) {
        if (nal.length < 1 || (nal[0] & 0x1f) != NAL_TYPE) {
            throw new IllegalArgumentException("not an H.264 SPS: the NAL unit type is "
                    + (nal.length < 1 ? "missing" : String.valueOf(nal[0] & 0x1f)) + ", not " + NAL_TYPE);
        }
        return parseRbsp(unescape(nal, 1, nal.length));
    }

    /**
     * Parses an SPS RBSP: the bytes after the NAL header byte with the emulation prevention bytes removed.
     *
     * @throws IllegalArgumentException if the SPS cannot be read (truncated, a bad Exp-Golomb code)
     * @param rbsp the RBSP bytes
     * @return the parsed SPS
     */
    public static H264Sps parseRbsp(byte[] rbsp) {
        try {
            return read(new Bits(rbsp));
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("truncated H.264 SPS (" + rbsp.length + " bytes)", e);
        }
    }

    /** {@return {@code profile_idc}: 66 Baseline, 77 Main, 100 High, …} */
    public int profileIdc() {
        return profileIdc;
    }

    /** {@return the byte of {@code constraint_set0..5} flags and reserved bits, as in {@code profile-level-id}} */
    public int constraintFlags() {
        return constraintFlags;
    }

    /** {@return {@code level_idc}: ten times the level (31 is level 3.1)} */
    public int levelIdc() {
        return levelIdc;
    }

    /** {@return the displayed width in pixels (after cropping)} */
    public int width() {
        return width;
    }

    /** {@return the displayed height in pixels (after cropping)} */
    public int height() {
        return height;
    }

    /** {@return RFC 6184's {@code profile-level-id}: the three bytes profile, constraints, level as six hex digits} */
    public String profileLevelId() {
        return String.format(Locale.ROOT, "%02x%02x%02x", profileIdc, constraintFlags, levelIdc);
    }

    @Override
    public String toString() {
        return "H264Sps[" + width + "x" + height + ", profile-level-id=" + profileLevelId() + "]";
    }

    /** The RBSP of {@code nal[from, to)}: the bytes with every emulation prevention byte (00 00 03) removed. */
    static byte[] unescape(byte[] s, int from, int to) {
        byte[] out = new byte[to - from];
        int o = 0;
        int zeros = 0;
        for (int i = from; i < to; i++) {
            int b = s[i] & 0xff;
            if (zeros >= 2 && b == 3) {
                zeros = 0;
                continue;
            }
            out[o++] = (byte) b;
            zeros = b == 0 ? zeros + 1 : 0;
        }
        return java.util.Arrays.copyOf(out, o);
    }

    private static H264Sps read(Bits b) {
        int profile = b.bits(8);
        int constraints = b.bits(8); // constraint_set flags and reserved bits
        int level = b.bits(8);
        b.ue(); // seq_parameter_set_id
        int chromaFormat = 1;
        boolean separateColourPlanes = false;
        if (profile == 100 || profile == 110 || profile == 122 || profile == 244 || profile == 44 || profile == 83
                || profile == 86 || profile == 118 || profile == 128 || profile == 138 || profile == 139
                || profile == 134 || profile == 135) {
            chromaFormat = b.ue();
            if (chromaFormat == 3) {
                separateColourPlanes = b.bit();
            }
            b.ue(); // bit_depth_luma_minus8
            b.ue(); // bit_depth_chroma_minus8
            b.bit(); // qpprime_y_zero_transform_bypass_flag
            if (b.bit()) { // seq_scaling_matrix_present_flag
                for (int i = 0; i < (chromaFormat != 3 ? 8 : 12); i++) {
                    if (b.bit()) {
                        skipScalingList(b, i < 6 ? 16 : 64);
                    }
                }
            }
        }
        b.ue(); // log2_max_frame_num_minus4
        int pocType = b.ue();
        if (pocType == 0) {
            b.ue();
        } else if (pocType == 1) {
            b.bit();
            b.se();
            b.se();
            int cycle = b.ue();
            for (int i = 0; i < cycle; i++) {
                b.se();
            }
        }
        b.ue(); // max_num_ref_frames
        b.bit(); // gaps_in_frame_num_value_allowed_flag
        int widthMbs = b.ue() + 1;
        int heightMapUnits = b.ue() + 1;
        boolean frameMbsOnly = b.bit();
        if (!frameMbsOnly) {
            b.bit(); // mb_adaptive_frame_field_flag
        }
        b.bit(); // direct_8x8_inference_flag
        int width = widthMbs * 16;
        int height = (2 - (frameMbsOnly ? 1 : 0)) * heightMapUnits * 16;
        if (b.bit()) { // frame_cropping_flag
            int left = b.ue();
            int right = b.ue();
            int top = b.ue();
            int bottom = b.ue();
            int arrayType = separateColourPlanes ? 0 : chromaFormat;
            int cropX = arrayType == 0 ? 1 : (arrayType == 3 ? 1 : 2);
            int cropY = (arrayType == 0 ? 1 : (arrayType == 1 ? 2 : 1)) * (2 - (frameMbsOnly ? 1 : 0));
            width -= cropX * (left + right);
            height -= cropY * (top + bottom);
        }
        return new H264Sps(profile, constraints, level, width, height);
    }

    private static void skipScalingList(Bits b, int size) {
        int last = 8;
        int next = 8;
        for (int j = 0; j < size; j++) {
            if (next != 0) {
                next = (last + b.se() + 256) % 256;
            }
            last = next == 0 ? last : next;
        }
    }

    /** A big-endian bit reader with Exp-Golomb codes. */
    private static final class Bits {
        private final byte[] data;
        private int pos;

        Bits(byte[] data) {
            this.data = data;
        }

        boolean bit() {
            int v = (data[pos >> 3] >> (7 - (pos & 7))) & 1;
            pos++;
            return v == 1;
        }

        int bits(int n) {
            int v = 0;
            for (int i = 0; i < n; i++) {
                v = (v << 1) | (bit() ? 1 : 0);
            }
            return v;
        }

        int ue() {
            int zeros = 0;
            while (!bit()) {
                if (++zeros > 31) {
                    throw new IllegalArgumentException("bad Exp-Golomb code in the H.264 SPS");
                }
            }
            return (int) ((1L << zeros) - 1 + bits(zeros));
        }

        int se() {
            int k = ue();
            return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
        }
    }
}
