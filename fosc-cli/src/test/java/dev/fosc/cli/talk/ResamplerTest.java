package dev.fosc.cli.talk;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The resampler's frequency response: what is below 4 kHz passes, what is above is removed before it aliases. */
class ResamplerTest {

    private static double[] tone(double hz, int rate, double seconds) {
        double[] s = new double[(int) (rate * seconds)];
        for (int i = 0; i < s.length; i++) {
            s[i] = 10_000 * Math.sin(2 * Math.PI * hz * i / rate);
        }
        return s;
    }

    /** RMS over the middle half (away from the edges, where the filter sees the start and end of the signal). */
    private static double rms(double[] s) {
        double sum = 0;
        int from = s.length / 4;
        int to = 3 * s.length / 4;
        for (int i = from; i < to; i++) {
            sum += s[i] * s[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    private static double gainDb(double hz, int inRate) {
        double[] in = tone(hz, inRate, 1.0);
        double[] out = Resampler.resample(in, inRate, 8000);
        assertEquals(8000, out.length, 1);
        return 20 * Math.log10(rms(out) / rms(in));
    }

    @Test
    void tonesBelowThreeKilohertzPass() {
        for (int rate : new int[] {16000, 44100, 48000}) {
            for (double hz : new double[] {300, 1000, 3000}) {
                double db = gainDb(hz, rate);
                assertTrue(Math.abs(db) < 0.5, hz + " Hz from " + rate + " Hz: " + db + " dB");
            }
        }
    }

    @Test
    void tonesAboveFourKilohertzAreRemovedNotAliased() {
        for (int rate : new int[] {16000, 44100, 48000}) {
            for (double hz : new double[] {4500, 5000, 6000, 7000}) {
                double db = gainDb(hz, rate);
                assertTrue(db < -50, hz + " Hz from " + rate + " Hz: only " + db + " dB");
            }
        }
    }

    @Test
    void aToneKeepsItsFrequencyAndPhase() {
        double[] out = Resampler.resample(tone(440, 44100, 0.5), 44100, 8000);
        double[] ideal = tone(440, 8000, 0.5);
        double err = 0;
        for (int i = 800; i < 3200; i++) {
            err = Math.max(err, Math.abs(out[i] - ideal[i]));
        }
        assertTrue(err < 100, "largest difference from the ideal 8 kHz tone: " + err + " of 10000");
    }

    @Test
    void theSameRateIsLeftAlone() {
        double[] in = tone(440, 8000, 0.1);
        assertSame(in, Resampler.resample(in, 8000, 8000));
    }
}
