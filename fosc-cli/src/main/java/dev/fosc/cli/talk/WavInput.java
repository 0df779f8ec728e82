package dev.fosc.cli.talk;

import dev.fosc.cli.common.CliException;
import dev.fosc.cli.common.ErrorText;
import dev.fosc.cli.common.ExitCodes;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a WAV file (or standard input) into talk audio: 8000 Hz, mono, signed 16-bit little-endian. The WAV header
 * and the sample format (8/16/24/32-bit integer or float PCM, either byte order) are handled by
 * {@code javax.sound.sampled}; channels are averaged to mono here and other rates converted by {@link Resampler}
 * (with a low-pass before decimation). Stateless; thread-safe.
 */
public final class WavInput {

    /** The talk sample rate. */
    public static final int RATE = 8000;

    private WavInput() {
    }

    /** What was read: the talk PCM and the source's format, for the report. */
    public record Audio(byte[] pcm, float sourceRate, int sourceChannels, int sourceBits) {
        /** The PCM's length in milliseconds. */
        public long millis() {
            return pcm.length / 2 * 1000L / RATE;
        }
    }

    /**
     * Reads {@code file}, or standard input when it is {@code -}.
     *
     * @throws CliException exit {@value ExitCodes#USAGE} when the file cannot be read or is not a WAV file of PCM
     */
    public static Audio read(String file, InputStream stdin) {
        String name = "-".equals(file) ? "standard input" : file;
        try (InputStream raw = "-".equals(file) ? stdin : Files.newInputStream(Path.of(file))) {
            return convert(AudioSystem.getAudioInputStream(new BufferedInputStream(raw)));
        } catch (UnsupportedAudioFileException e) {
            throw new CliException(ExitCodes.USAGE, name + " is not a WAV file that can be read (a RIFF WAVE file of"
                    + " PCM samples is needed)", e);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, name + " holds audio that cannot be converted to PCM ("
                    + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, name + " cannot be read: " + ErrorText.fileReason(e), e);
        }
    }

    private static Audio convert(AudioInputStream source) throws IOException {
        AudioFormat f = source.getFormat();
        int channels = Math.max(1, f.getChannels());
        float rate = f.getSampleRate();
        if (rate <= 0 || rate == AudioSystem.NOT_SPECIFIED) {
            throw new IllegalArgumentException("no sample rate in the header");
        }
        AudioFormat pcm16 = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, rate, 16, channels, 2 * channels, rate,
                false);
        byte[] bytes;
        try (AudioInputStream in = AudioSystem.getAudioInputStream(pcm16, source)) {
            bytes = in.readAllBytes();
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int frames = bytes.length / (2 * channels);
        double[] mono = new double[frames];
        for (int i = 0; i < frames; i++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += b.getShort();
            }
            mono[i] = sum / channels;
        }
        double[] out = Resampler.resample(mono, Math.round(rate), RATE);
        ByteBuffer pcm = ByteBuffer.allocate(out.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : out) {
            pcm.putShort((short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v))));
        }
        return new Audio(pcm.array(), rate, channels, f.getSampleSizeInBits());
    }
}
