package dev.fosc.cli.talk;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Generated talk audio for the demo: a short three-note chime (A4, C#5, E5), 8 kHz mono signed 16-bit
 * little-endian, each note faded in and out so that it does not click. Stateless.
 */
public final class TestTones {

    /** The talk sample rate. */
    public static final int SAMPLE_RATE = 8000;

    private TestTones() {
    }

    /** A chime of {@code millis} milliseconds (three equal notes), rounded down to whole samples. */
    public static byte[] chime(int millis) {
        double[] notes = {440.0, 554.37, 659.25};
        int samples = SAMPLE_RATE * millis / 1000;
        ByteBuffer out = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        int perNote = Math.max(1, samples / notes.length);
        int fade = Math.min(perNote / 4, SAMPLE_RATE / 100);
        for (int i = 0; i < samples; i++) {
            int note = Math.min(notes.length - 1, i / perNote);
            int pos = i - note * perNote;
            double envelope = 1.0;
            if (pos < fade) {
                envelope = pos / (double) fade;
            } else if (perNote - pos < fade) {
                envelope = Math.max(0, (perNote - pos) / (double) fade);
            }
            double v = 0.4 * envelope * Math.sin(2 * Math.PI * notes[note] * i / SAMPLE_RATE);
            out.putShort((short) Math.round(v * Short.MAX_VALUE));
        }
        return out.array();
    }
}
