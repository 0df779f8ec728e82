/**
 * The FOSC wire protocol of Foscam HD cameras (see docs/protocol.md): frame decoder, typed messages, encoder,
 * preamble handling, media header and G.726-16k.
 *
 * <h2>Pipeline</h2>
 * {@link dev.fosc.codec.FoscPipelines} installs either side. Frames are delimited by
 * {@link dev.fosc.codec.FoscFrameDecoder} (12-byte little-endian header, magic checked early, maximum length
 * enforced before buffering, nothing cumulated: a frame that spans reads is kept as slices of them) and turned
 * into {@link dev.fosc.codec.FoscMessage}s by {@link dev.fosc.codec.FoscCodec} (the camera side); the client side
 * does both in one step with {@link dev.fosc.codec.FoscStreamDecoder}.
 *
 * <h2>Buffer ownership</h2>
 * <ol>
 *   <li>Inside the pipeline, Netty's rule: whoever receives a reference-counted message releases it or
 *       passes it on. {@link dev.fosc.codec.FoscVideoData}, {@link dev.fosc.codec.FoscAudioData},
 *       {@link dev.fosc.codec.FoscTalkData} and {@link dev.fosc.codec.FoscUnknownMessage} are reference-counted;
 *       every other message is a plain value.</li>
 *   <li>Decoded payload holders keep a retained <em>slice</em> of the received buffer: no byte is copied
 *       (a frame still incomplete when a read burst ends is moved once into a buffer of its own, so that it does
 *       not pin the receive buffers). Holding one pins the whole buffer it lies in, so data kept for long should
 *       be copied.</li>
 *   <li>Writing a message takes ownership of it: the encoder releases it after encoding (or the pipeline
 *       does on failure). The payload is written as its own buffer after a small header buffer: no copy.</li>
 *   <li>{@link dev.fosc.codec.FoscFrames#decode} and {@link dev.fosc.codec.FoscFrames#encode} never release
 *       their argument.</li>
 * </ol>
 *
 * <h2>Errors</h2>
 * A bad magic: {@code CorruptedFrameException}, nothing more is read from that stream. A declared length above
 * the maximum: {@code TooLongFrameException}, before the body is buffered. A known command with a malformed
 * payload: a {@link dev.fosc.codec.FoscInvalidMessage} in place of that message, and the stream goes on. An
 * unknown command: a {@link dev.fosc.codec.FoscUnknownMessage}. A bad preamble exchange:
 * {@link dev.fosc.codec.FoscPreambleException}.
 *
 * <h2>String fields</h2>
 * Strings ({@code str12}/{@code str32}/{@code str64}: names, camera id, user, password) are UTF-8, zero-padded.
 * The size checks of the value types (constructors, {@code FoscCredentials.of}) apply to values built for
 * encoding. Decoding never fails on a string field's bytes: a byte sequence that is not UTF-8 (a GBK preset
 * name, say) becomes one {@code '?'} per malformed sequence, and a character cut by the end of a full field is
 * dropped, so a decoded value always fits its field again and the message re-encodes.
 *
 * <h2>Passwords</h2>
 * No {@code toString()}, exception message or {@link dev.fosc.codec.FoscDecodedForm} contains a password.
 *
 * <h2>Threading</h2>
 * Handlers are used on their channel's event loop; the sharable ones say so. Messages are immutable values
 * (reference counts aside).
 */
package dev.fosc.codec;
