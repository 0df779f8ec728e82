package dev.fosc.testkit;

import dev.fosc.codec.FoscAudioFormat;
import dev.fosc.codec.G726Encoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The microphone's frames: direct (no per-write copy by NIO), shared, and releasing them does nothing. */
class AudioFramesTest {

    @Test
    void framesAreDirectSharedAndUnreleasable() {
        byte[] pcm = AudioFrames.pcmFrame();
        assertEquals(FoscAudioFormat.PCM_FRAME_BYTES, pcm.length);
        for (FoscAudioFormat format : new FoscAudioFormat[] {FoscAudioFormat.PCM, FoscAudioFormat.G726}) {
            ByteBuf frame = AudioFrames.frame(format);
            assertTrue(frame.isDirect(), format + " frame is direct");
            assertTrue(frame.isReadOnly());
            byte[] expected = format == FoscAudioFormat.PCM ? pcm : new G726Encoder().encode(pcm);
            assertArrayEquals(expected, ByteBufUtil.getBytes(frame));
            frame.release();
            assertArrayEquals(expected, ByteBufUtil.getBytes(AudioFrames.frame(format)), "still there");
        }
    }
}
