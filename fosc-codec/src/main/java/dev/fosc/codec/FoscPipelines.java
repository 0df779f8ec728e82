package dev.fosc.codec;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpRequestEncoder;

/**
 * Installs the FOSC handlers on either side of a connection. Call it from a {@code ChannelInitializer}
 * (before the channel is active); add the application's handlers after it (at the tail).
 *
 * <p>Client side (head → tail): {@code HttpRequestEncoder} (writes the preamble, then removed), the preamble
 * response decoder (skips an {@code HTTP/1.1 200} block, then removed), {@link FoscStreamDecoder} (bytes to
 * messages in one step), {@link FoscMessageEncoder}, the preamble writer (removed once the preamble is written; only then does
 * {@code channelActive} reach the application, so its first frame follows the preamble).
 *
 * <p>Camera side: {@code HttpRequestDecoder} and the preamble checker (both removed after the preamble,
 * which fires a {@link FoscPreambleEvent}), {@link FoscFrameDecoder} skipping CR/LF before the first frame,
 * {@link FoscCodec}: whole frames pass between the two, so a handler added before {@link #CODEC} sees each frame's
 * bytes (the testkit's fake camera records them there).
 *
 * <p>Without a preamble ({@link FoscCodecOptions#preamble()} false) only the frame decoder and codec are
 * installed.
 */
public final class FoscPipelines {

    /** Handler name of the frame decoder ({@link FoscStreamDecoder} on the client side, else {@link FoscFrameDecoder}). */
    public static final String FRAME_DECODER = "fosc-frame-decoder";
    /** Handler name of the {@link FoscMessageEncoder} (client side) or the {@link FoscCodec} (camera side). */
    public static final String CODEC = "fosc-codec";
    /** Handler name of the preamble handlers (they remove themselves). */
    public static final String PREAMBLE = "fosc-preamble";

    private FoscPipelines() {
    }

    /**
     * Installs the client side with {@code options}.
     *
     * @param pipeline the channel pipeline
     * @param options the options
     */
    public static void installClient(ChannelPipeline pipeline, FoscCodecOptions options) {
        installClient(pipeline, options, new FoscStreamDecoder(options.maxPayloadLength(), false));
    }

    /**
     * Installs the client side with {@code options} and {@code decoder} as the frame decoder: a
     * {@link FoscStreamDecoder} subclass that hands some frames on in a form of its own. It should have been made
     * with {@code options.maxPayloadLength()}.
     *
     * @param pipeline the channel pipeline
     * @param options the options
     * @param decoder the frame decoder, new (one per channel)
     */
    public static void installClient(ChannelPipeline pipeline, FoscCodecOptions options, FoscStreamDecoder decoder) {
        if (options.preamble()) {
            pipeline.addLast(PREAMBLE + "-encoder", new HttpRequestEncoder());
            pipeline.addLast(PREAMBLE + "-response", new FoscPreambleResponseDecoder());
        }
        pipeline.addLast(FRAME_DECODER, decoder);
        pipeline.addLast(CODEC, FoscMessageEncoder.INSTANCE);
        if (options.preamble()) {
            pipeline.addLast(PREAMBLE + "-writer", new FoscClientPreambleWriter(options.hostHeader()));
        }
    }

    /**
     * Installs the camera side with {@code options}.
     *
     * @param pipeline the channel pipeline
     * @param options the options
     */
    public static void installCamera(ChannelPipeline pipeline, FoscCodecOptions options) {
        if (options.preamble()) {
            pipeline.addLast(PREAMBLE + "-decoder", new HttpRequestDecoder());
            pipeline.addLast(PREAMBLE + "-checker", new FoscServerPreambleHandler());
        }
        pipeline.addLast(FRAME_DECODER, new FoscFrameDecoder(options.maxPayloadLength(), options.preamble()));
        pipeline.addLast(CODEC, new FoscCodec());
    }
}
