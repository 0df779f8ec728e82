package dev.fosc.codec;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * Camera side: checks the request that {@link HttpRequestDecoder} read from the client's preamble (any of
 * the forms of docs/protocol.md §1.1: {@code Accept:*\/*} with or without a space, an extra CRLF). At the end of
 * the request it removes itself and the HTTP decoder, whose leftover bytes go on to the frame decoder. A
 * request that does not parse, or a method other than {@code SERVERPUSH}, fails with a
 * {@link FoscPreambleException}.
 *
 * <p>After the preamble it fires a {@link FoscPreambleEvent} with the request's Host header. After a failure
 * it stays in place and drops everything that follows: the end of a rejected request (a {@code GET}'s
 * {@link LastHttpContent}, say) must not switch the pipeline to frames.
 */
final class FoscServerPreambleHandler extends ChannelInboundHandlerAdapter {

    private String host;
    private boolean failed;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (failed) {
                return; // the connection is unusable: read nothing more
            }
            if (!(msg instanceof HttpObject)) {
                throw new FoscPreambleException("frames arrived before the SERVERPUSH preamble ended");
            }
            HttpObject http = (HttpObject) msg;
            if (http.decoderResult().isFailure()) {
                throw new FoscPreambleException("the client's preamble is not an HTTP request line: "
                        + http.decoderResult().cause().getMessage(), http.decoderResult().cause());
            }
            if (msg instanceof HttpRequest) {
                HttpRequest request = (HttpRequest) msg;
                if (!FoscPreamble.SERVERPUSH.equals(request.method())) {
                    throw new FoscPreambleException("the client's preamble uses method " + request.method()
                            + ", not SERVERPUSH");
                }
                host = request.headers().get("Host", "");
            }
            if (msg instanceof LastHttpContent) {
                ctx.fireUserEventTriggered(new FoscPreambleEvent(host == null ? "" : host));
                ctx.pipeline().remove(this);
                HttpRequestDecoder decoder = ctx.pipeline().get(HttpRequestDecoder.class);
                if (decoder != null) {
                    ctx.pipeline().remove(decoder); // hands its leftover bytes to the frame decoder
                }
            }
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }
}
