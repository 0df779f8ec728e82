package dev.fosc.cli.record;

import dev.fosc.client.FoscAudioFrame;
import dev.fosc.client.FoscStream;
import dev.fosc.client.FoscVideoFrame;
import dev.fosc.codec.FoscAudioFormat;
import dev.fosc.codec.FoscMediaHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Frames as the client would lend them to a listener, over unpooled heap buffers (nothing to release: the
 * recorder only copies). For Recorder tests without a camera.
 */
final class TestFrames {

    private TestFrames() {
    }

    /** A video frame whose data is {@code 00 00 00 01 nal n}: 0x65 for a key frame, 0x41 otherwise. */
    static FoscVideoFrame video(int n, boolean key) {
        FoscMediaHeader header = FoscMediaHeader.video(n, key, 640, 360, 25, 1_000_000);
        ByteBuf data = Unpooled.wrappedBuffer(data(n, key));
        return new FoscVideoFrame() {
            @Override
            public FoscMediaHeader header() {
                return header;
            }

            @Override
            public FoscStream stream() {
                return FoscStream.MAIN;
            }

            @Override
            public ByteBuf data() {
                return data;
            }

            @Override
            public int refCnt() {
                return 1;
            }

            @Override
            public FoscVideoFrame retain() {
                return this;
            }

            @Override
            public FoscVideoFrame retain(int increment) {
                return this;
            }

            @Override
            public FoscVideoFrame touch() {
                return this;
            }

            @Override
            public FoscVideoFrame touch(Object hint) {
                return this;
            }

            @Override
            public boolean release() {
                return false;
            }

            @Override
            public boolean release(int decrement) {
                return false;
            }
        };
    }

    /** The bytes {@link #video} carries. */
    static byte[] data(int n, boolean key) {
        return new byte[] {0, 0, 0, 1, (byte) (key ? 0x65 : 0x41), (byte) n};
    }

    /** A 60 ms PCM frame (960 bytes) filled with {@code fill}. */
    static FoscAudioFrame audio(int n, byte fill) {
        FoscMediaHeader header = FoscMediaHeader.audio(n);
        byte[] bytes = new byte[960];
        java.util.Arrays.fill(bytes, fill);
        ByteBuf pcm = Unpooled.wrappedBuffer(bytes);
        return new FoscAudioFrame() {
            @Override
            public FoscMediaHeader header() {
                return header;
            }

            @Override
            public FoscAudioFormat format() {
                return FoscAudioFormat.PCM;
            }

            @Override
            public ByteBuf pcm() {
                return pcm;
            }

            @Override
            public ByteBuf original() {
                return pcm;
            }

            @Override
            public int refCnt() {
                return 1;
            }

            @Override
            public FoscAudioFrame retain() {
                return this;
            }

            @Override
            public FoscAudioFrame retain(int increment) {
                return this;
            }

            @Override
            public FoscAudioFrame touch() {
                return this;
            }

            @Override
            public FoscAudioFrame touch(Object hint) {
                return this;
            }

            @Override
            public boolean release() {
                return false;
            }

            @Override
            public boolean release(int decrement) {
                return false;
            }
        };
    }
}
