package dev.fosc.codec;

/**
 * State and arithmetic of one ITU-T G.726 ADPCM coder at 16 kbit/s (2-bit codes), shared by
 * {@link G726Encoder} and {@link G726Decoder}. Encoder and decoder run the same reconstruction loop, so
 * a decoder fed with an encoder's codes stays in step with it.
 *
 * <p>The arithmetic follows the fixed-point description of the recommendation (clause 4, its functional
 * blocks are named in the comments) on 14-bit linear samples. All quantities are kept as signed Java
 * {@code int}s holding the value the recommendation's two's-complement or sign-magnitude word denotes;
 * where the recommendation lets a word wrap (the 16-bit predictor sums and zero coefficients) the wrap
 * is reproduced with a {@code (short)} cast. The two signal histories (quantized difference and
 * reconstructed signal) are stored in the recommendation's 11-bit floating format: sign in bit 10, a
 * 4-bit exponent in bits 9..6 and a 6-bit normalised mantissa in bits 5..0.
 *
 * <p>Not thread-safe; one instance per direction of one stream. Nothing is allocated per sample.
 */
final class G726State {

    /** Number of samples in one 120-byte block (four 2-bit codes per byte). */
    static final int BLOCK_SAMPLES = 480;

    // ---- Tables of the 16 kbit/s coder, indexed by the 2-bit code I (bit 1 = sign). ----
    // Decision level of QUAN: |I| = 1 when log2|d| - y >= 2.04, i.e. DLN >= 261 (units of 1/128).
    private static final int QUAN_LEVEL = 261;
    /** RECONST: log2 of the normalised quantizer output, 0.91 and 2.85 in units of 1/128. */
    private static final int[] DQLN = {116, 365, 365, 116};
    /** FUNCTW: scale factor multiplier W(I), -1.38 and 27.44 in units of 1/16. */
    private static final int[] W = {-22, 439, 439, -22};
    /** FUNCTF: F(I) of the adaptation speed control. */
    private static final int[] F = {0, 7, 7, 0};

    /** The floating-format word of 0 (exponent 0, mantissa 1.0 = 32): initial value of the histories. */
    private static final int FLOAT_ZERO = 32;

    // ---- Adaptive predictor: 2 poles (a1, a2) and 6 zeros (b1..b6), values scaled by 2^14. ----
    private int a1;
    private int a2;
    private final int[] b = new int[6];
    /** dq(k-1) .. dq(k-6) in floating format. */
    private final int[] dq = new int[6];
    /** sr(k-1), sr(k-2) in floating format. */
    private int sr1;
    private int sr2;
    /** Sign bits of p(k-1), p(k-2) where p = dq + sez (1 = negative). */
    private int pk1;
    private int pk2;

    // ---- Quantizer scale factor adaptation. ----
    /** Fast (unlocked) scale factor, 4.9 format, 544..5120. */
    private int yu;
    /** Slow (locked) scale factor, 4.15 format. */
    private int yl;

    // ---- Adaptation speed control. ----
    /** Short-term average of F(I). */
    private int dms;
    /** Long-term average of F(I). */
    private int dml;
    /** Speed control parameter, 256 = 1.0. */
    private int ap;
    /** Tone detected (a2 < -0.71875) at the previous sample. */
    private int td;

    G726State() {
        reset();
    }

    /** Puts the coder into the recommendation's initial state. */
    void reset() {
        a1 = 0;
        a2 = 0;
        for (int i = 0; i < 6; i++) {
            b[i] = 0;
            dq[i] = FLOAT_ZERO;
        }
        sr1 = FLOAT_ZERO;
        sr2 = FLOAT_ZERO;
        pk1 = 0;
        pk2 = 0;
        yu = 544;
        yl = 34816;
        dms = 0;
        dml = 0;
        ap = 0;
        td = 0;
    }

    /**
     * Encodes one 14-bit linear sample.
     *
     * @param sl sample in -8192..8191
     * @return the 2-bit code
     */
    int encode(int sl) {
        int y = scaleFactor();
        int sezi = zeroSum();
        int sei = (short) (sezi + fmult(a1, sr1) + fmult(a2, sr2));
        int se = sei >> 1;
        // SUBTA
        int d = sl - se;
        // LOG
        int ds = d < 0 ? 1 : 0;
        int dqm = ds != 0 ? -d : d;
        int exp = dqm == 0 ? 0 : 31 - Integer.numberOfLeadingZeros(dqm);
        int dl = (exp << 7) + (((dqm << 7) >> exp) & 127);
        // SUBTB (12-bit two's complement; a negative value is below every decision level)
        int dln = dl - (y >> 2);
        // QUAN: codes 0/1 for small/large positive, 3/2 for small/large negative
        int mag = dln >= QUAN_LEVEL ? 1 : 0;
        int code = ds != 0 ? 3 - mag : mag;
        reconstructAndUpdate(code, y, sezi >> 1, se);
        return code;
    }

    /**
     * Decodes one code.
     *
     * @param code 2-bit code, 0..3
     * @return the reconstructed 14-bit linear sample (may slightly exceed 14 bits on overload)
     */
    int decode(int code) {
        int y = scaleFactor();
        int sezi = zeroSum();
        int sei = (short) (sezi + fmult(a1, sr1) + fmult(a2, sr2));
        return reconstructAndUpdate(code, y, sezi >> 1, sei >> 1);
    }

    /** LIMA and MIX: the scale factor y(k) from yu(k-1), yl(k-1) and ap(k-1). */
    private int scaleFactor() {
        int al = ap >= 256 ? 64 : ap >> 2;
        int ylShort = yl >> 6;
        int dif = yu - ylShort;
        // product of sign-magnitude operands: the magnitude is truncated
        int prod = dif >= 0 ? (dif * al) >> 6 : -((-dif * al) >> 6);
        return ylShort + prod;
    }

    /** FMULT of b1..b6 with dq(k-1)..dq(k-6), accumulated in 16 bits (ACCUM): SEZI. */
    private int zeroSum() {
        int[] bb = b;
        int[] dd = dq;
        return (short) (fmult(bb[0], dd[0]) + fmult(bb[1], dd[1]) + fmult(bb[2], dd[2])
                + fmult(bb[3], dd[3]) + fmult(bb[4], dd[4]) + fmult(bb[5], dd[5]));
    }

    /**
     * FMULT: multiplies a 16-bit predictor coefficient by a signal sample in floating format. The result
     * is twice the product, in 16-bit two's complement.
     */
    private static int fmult(int an, int srn) {
        int ans;
        int anmag;
        if (an < 0) {
            ans = 1;
            anmag = (-(an >> 2)) & 8191;
        } else {
            ans = 0;
            anmag = an >> 2;
        }
        int anexp;
        int anmant;
        if (anmag == 0) {
            anexp = 0;
            anmant = 32;
        } else {
            anexp = 32 - Integer.numberOfLeadingZeros(anmag);
            anmant = (anmag << 6) >> anexp;
        }
        int wadexp = ((srn >> 6) & 15) + anexp;
        int wadmant = ((srn & 63) * anmant + 48) >> 4;
        int wadmag = wadexp <= 26
                ? (wadmant << 7) >> (26 - wadexp)
                : ((wadmant << 7) << (wadexp - 26)) & 32767;
        return (ans ^ (srn >> 10)) != 0 ? -wadmag : wadmag;
    }

    /** FLOAT A / FLOAT B: a sign and a 15-bit magnitude to the 11-bit floating format. */
    private static int toFloat(int sign, int mag) {
        if (mag == 0) {
            return (sign << 10) | FLOAT_ZERO;
        }
        int exp = 32 - Integer.numberOfLeadingZeros(mag);
        return (sign << 10) | (exp << 6) | ((mag << 6) >> exp);
    }

    /**
     * Inverse quantizer, reconstruction and every state update for one sample.
     *
     * @return the reconstructed signal sr(k)
     */
    private int reconstructAndUpdate(int code, int y, int sez, int se) {
        // RECONST, ADDA, ANTILOG. DQL cannot be negative at this rate (DQLN > 0), so it is never "-inf".
        int dql = DQLN[code] + (y >> 2);
        int dqmag = ((128 + (dql & 127)) << 7) >> (14 - ((dql >> 7) & 15));
        int dqs = code >> 1;
        int dqi = dqs != 0 ? -dqmag : dqmag;
        // ADDB, ADDC
        int sr = se + dqi;
        int dqsez = sez + dqi;
        int pk0 = dqsez < 0 ? 1 : 0;
        boolean sigpk = dqsez == 0;

        // TRANS: transition detector, with yl(k-1) and td(k-1)
        int ylint = yl >> 15;
        int thr2 = ylint > 9 ? 31 << 10 : (32 + ((yl >> 10) & 31)) << ylint;
        int dqthr = (thr2 + (thr2 >> 1)) >> 1;
        boolean tr = td != 0 && dqmag > dqthr;

        // UPA2, LIMC
        int uga2;
        if (sigpk) {
            uga2 = 0;
        } else {
            int fa1 = a1 > 8191 ? 8191 << 2 : a1 < -8191 ? -(8191 << 2) : a1 << 2;
            int fa = (pk0 ^ pk1) != 0 ? fa1 : -fa1;
            uga2 = (((pk0 ^ pk2) != 0 ? -16384 : 16384) + fa) >> 7;
        }
        int a2p = a2 + uga2 - (a2 >> 7);
        if (a2p > 12288) {
            a2p = 12288;
        } else if (a2p < -12288) {
            a2p = -12288;
        }
        // UPA1, LIMD
        int uga1 = sigpk ? 0 : (pk0 ^ pk1) != 0 ? -192 : 192;
        int a1p = a1 + uga1 - (a1 >> 8);
        int a1ul = 15360 - a2p;
        if (a1p > a1ul) {
            a1p = a1ul;
        } else if (a1p < -a1ul) {
            a1p = -a1ul;
        }
        // TONE
        int tdp = a2p < -11776 ? 1 : 0;

        // UPB, XOR, TRIGB (the gain is +-2^-7, zero when dq is zero; leak 2^-8)
        int[] bb = b;
        int[] dd = dq;
        if (tr) {
            a1 = 0;
            a2 = 0;
            for (int i = 0; i < 6; i++) {
                bb[i] = 0;
            }
            td = 0;
        } else {
            a1 = a1p;
            a2 = a2p;
            for (int i = 0; i < 6; i++) {
                int ugb = dqmag == 0 ? 0 : ((dd[i] >> 10) ^ dqs) != 0 ? -128 : 128;
                bb[i] = (short) (bb[i] + ugb - (bb[i] >> 8));
            }
            td = tdp;
        }

        // FLOAT A, FLOAT B and the delay lines
        dd[5] = dd[4];
        dd[4] = dd[3];
        dd[3] = dd[2];
        dd[2] = dd[1];
        dd[1] = dd[0];
        dd[0] = toFloat(dqs, dqmag);
        sr2 = sr1;
        sr1 = sr < 0 ? toFloat(1, (-sr) & 32767) : toFloat(0, sr);
        pk2 = pk1;
        pk1 = pk0;

        // FUNCTF, FILTA, FILTB, SUBTC, FILTC, TRIGA: adaptation speed control
        int fi = F[code];
        dms += ((fi << 9) - dms) >> 5;
        dml += ((fi << 11) - dml) >> 7;
        if (tr) {
            ap = 256;
        } else {
            int difm = Math.abs((dms << 2) - dml);
            int ax = (y >= 1536 && difm < (dml >> 3) && tdp == 0) ? 0 : 1;
            ap += ((ax << 9) - ap) >> 4;
        }

        // FUNCTW, FILTD, LIMB, FILTE: scale factor adaptation
        int yut = y + (((W[code] << 5) - y) >> 5);
        yu = yut < 544 ? 544 : yut > 5120 ? 5120 : yut;
        yl += yu + ((-yl) >> 6);
        return sr;
    }
}
