/**
 * The FOSC wire protocol for Netty: message types, the frame decoder and encoder, the HTTP-like preamble, and the
 * pipeline helpers (package {@link dev.fosc.codec}). Netty's buffer, channel, codec and HTTP codec modules are
 * transitive: their types appear in this module's API (handlers, {@code ByteBuf} payloads, the preamble's request).
 */
module dev.fosc.codec {
    requires transitive io.netty.common;
    requires transitive io.netty.buffer;
    requires transitive io.netty.transport;
    requires transitive io.netty.codec;
    requires transitive io.netty.codec.http;

    exports dev.fosc.codec;
}
