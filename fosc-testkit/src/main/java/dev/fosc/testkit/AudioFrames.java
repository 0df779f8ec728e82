package dev.fosc.testkit;

import dev.fosc.codec.FoscAudioFormat;
import dev.fosc.codec.G726Encoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.ByteBuffer;

/**
 * The camera's microphone: a 1 kHz tone at 8000 Hz, one 60 ms frame (480 samples, exactly 60 periods, so
 * frames join seamlessly) as 960 bytes of PCM or 120 bytes of G.726-16k. Built once in direct memory (as
 * {@link VideoFrames} are), shared, never released.
 *
 * <p>Thread-safe.
 */
final class AudioFrames {

    /** The tone's frequency in Hz. */
    static final int TONE_HZ = 1000;
    /** The tone's peak amplitude (16-bit). */
    static final int TONE_AMPLITUDE = 8000;

    private static final byte[] PCM = tone();
    private static final ByteBuf PCM_FRAME = direct(PCM);
    private static final ByteBuf G726_FRAME = direct(new G726Encoder().encode(PCM));

    private AudioFrames() {
    }

    /** A read-only, unreleasable direct buffer: NIO writes it without first copying it into a direct one. */
    private static ByteBuf direct(byte[] bytes) {
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct)).asReadOnly();
    }

    private static byte[] tone() {
        byte[] pcm = new byte[FoscAudioFormat.PCM_FRAME_BYTES];
        for (int i = 0; i < pcm.length / 2; i++) {
            int s = (int) Math.round(TONE_AMPLITUDE * Math.sin(2 * Math.PI * TONE_HZ * i / 8000.0));
            pcm[2 * i] = (byte) s;
            pcm[2 * i + 1] = (byte) (s >> 8);
        }
        return pcm;
    }

    /** One frame in {@code format} (PCM or G726) as a new slice; releasing it does nothing. */
    static ByteBuf frame(FoscAudioFormat format) {
        return (format == FoscAudioFormat.G726 ? G726_FRAME : PCM_FRAME).duplicate();
    }

    /** A copy of the PCM tone frame. */
    static byte[] pcmFrame() {
        return PCM.clone();
    }
}
