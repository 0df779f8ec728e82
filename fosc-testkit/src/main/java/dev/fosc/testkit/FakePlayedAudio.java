package dev.fosc.testkit;

import dev.fosc.codec.FoscAudioFormat;

import java.util.Arrays;
import java.util.Objects;

/**
 * One TALK_DATA frame the {@link FakeSpeaker} played. An immutable value (the PCM is copied in and out).
 *
 * @param connectionIndex the connection it came on
 * @param format the format it arrived in (PCM, G726, or UNKNOWN for another length, played as raw PCM)
 * @param pcm what was played: signed 16-bit little-endian PCM at 8000 Hz (G.726 decoded)
 * @param arrivalNanos when it arrived, on the {@link System#nanoTime()} clock
 * @param playStartNanos when it started to play (after the previous frame), same clock
 */
public record FakePlayedAudio(int connectionIndex, FoscAudioFormat format, byte[] pcm, long arrivalNanos,
                              long playStartNanos) {

    /**
     * Creates the value, checking its components.
     *
     * @param connectionIndex the connection it came on
     * @param format the format it arrived in (PCM, G726, or UNKNOWN for another length, played as raw PCM)
     * @param pcm what was played: signed 16-bit little-endian PCM at 8000 Hz (G.726 decoded)
     * @param arrivalNanos when it arrived, on the {@link System#nanoTime()} clock
     * @param playStartNanos when it started to play (after the previous frame), same clock
     * @throws NullPointerException if a reference component is null
     */
    public FakePlayedAudio {
        Objects.requireNonNull(format, "format");
        pcm = pcm.clone();
    }

    /** {@return a copy of the played PCM} */
    @Override
    public byte[] pcm() {
        return pcm.clone();
    }

    /** {@return how long it plays: 2 bytes a sample, 8000 samples a second} */
    public long durationNanos() {
        return durationNanos(pcm.length);
    }

    static long durationNanos(int pcmBytes) {
        return pcmBytes / 2 * 125_000L;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FakePlayedAudio)) {
            return false;
        }
        FakePlayedAudio a = (FakePlayedAudio) o;
        return connectionIndex == a.connectionIndex && format == a.format && Arrays.equals(pcm, a.pcm)
                && arrivalNanos == a.arrivalNanos && playStartNanos == a.playStartNanos;
    }

    @Override
    public int hashCode() {
        return Objects.hash(connectionIndex, format, Arrays.hashCode(pcm), arrivalNanos, playStartNanos);
    }

    @Override
    public String toString() {
        return "FakePlayedAudio[#" + connectionIndex + " " + format.jsonName() + " " + pcm.length + " PCM bytes]";
    }
}
