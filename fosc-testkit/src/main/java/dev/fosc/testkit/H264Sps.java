package dev.fosc.testkit;

/**
 * Reads the picture size from an H.264 sequence parameter set (ITU-T H.264 §7.3.2.1.1): enough of the
 * syntax to reach the macroblock counts and the frame cropping. Stateless.
 */
final class H264Sps {

    private H264Sps() {
    }

    /**
     * The displayed {@code {width, height}} from an SPS RBSP (without its NAL header byte).
     *
     * @throws IllegalArgumentException if the SPS cannot be read
     */
    static int[] size(byte[] rbsp) {
        try {
            return read(new Bits(rbsp));
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("truncated H.264 SPS", e);
        }
    }

    private static int[] read(Bits b) {
        int profile = b.bits(8);
        b.bits(16); // constraint flags, reserved bits, level_idc
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
        return new int[] {width, height};
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
