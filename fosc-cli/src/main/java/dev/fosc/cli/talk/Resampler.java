package dev.fosc.cli.talk;

/**
 * Sample-rate conversion with a proper anti-aliasing filter: every output sample is the input convolved with a
 * Blackman-windowed sinc low-pass, evaluated at the output sample's exact position (so any ratio works, 44.1 kHz
 * to 8 kHz included). The cut-off is {@value #CUTOFF} of the lower of the two Nyquist frequencies (3.6 kHz for
 * 8 kHz output), with {@value #ZERO_CROSSINGS} zero crossings of the sinc on each side: a tone from 4.5 kHz up is
 * attenuated by at least 50 dB before it could alias, a tone up to 3 kHz passes within 0.5 dB (ResamplerTest). The
 * gain at DC is exactly 1 (the weights of each output sample are normalised).
 *
 * <p>{@code javax.sound.sampled} is not used for this: its rate conversion interpolates without a low-pass, so a
 * 6 kHz component of a 44.1 kHz file would come out at 2 kHz. Stateless; thread-safe.
 */
public final class Resampler {

    /** The cut-off as a fraction of the lower Nyquist frequency. */
    public static final double CUTOFF = 0.9;
    /** Zero crossings of the windowed sinc on each side of its centre. */
    public static final int ZERO_CROSSINGS = 24;

    private Resampler() {
    }

    /**
     * {@code in} (at {@code inRate} Hz) at {@code outRate} Hz; the same array when the rates are equal.
     *
     * @throws IllegalArgumentException if a rate is not positive
     */
    public static double[] resample(double[] in, int inRate, int outRate) {
        if (inRate <= 0 || outRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive: " + inRate + ", " + outRate);
        }
        if (inRate == outRate) {
            return in;
        }
        // cut-off in cycles per input sample
        double fc = CUTOFF * 0.5 * Math.min(inRate, outRate) / inRate;
        double halfWidth = ZERO_CROSSINGS / (2 * fc); // in input samples
        int outLength = (int) Math.floor((double) in.length * outRate / inRate);
        double[] out = new double[outLength];
        double step = (double) inRate / outRate;
        for (int n = 0; n < outLength; n++) {
            double t = n * step;
            int first = Math.max(0, (int) Math.ceil(t - halfWidth));
            int last = Math.min(in.length - 1, (int) Math.floor(t + halfWidth));
            double sum = 0;
            double weights = 0;
            for (int k = first; k <= last; k++) {
                double x = k - t;
                double w = 2 * fc * sinc(2 * fc * x) * blackman(x / halfWidth);
                sum += w * in[k];
                weights += w;
            }
            out[n] = weights == 0 ? 0 : sum / weights;
        }
        return out;
    }

    private static double sinc(double x) {
        if (Math.abs(x) < 1e-12) {
            return 1;
        }
        double px = Math.PI * x;
        return Math.sin(px) / px;
    }

    /** The Blackman window over {@code u} in [-1, 1] (0 outside). */
    private static double blackman(double u) {
        if (u <= -1 || u >= 1) {
            return 0;
        }
        double a = Math.PI * (u + 1); // 0 .. 2 pi
        return 0.42 - 0.5 * Math.cos(a) + 0.08 * Math.cos(2 * a);
    }
}
