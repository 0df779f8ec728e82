package dev.fosc.codec;

import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;

/**
 * The HTTP-shaped request a client sends before the first frame (PROTOCOL.md §1.1):
 * {@code SERVERPUSH / HTTP/1.1} with Host, Accept and Connection headers.
 */
public final class FoscPreamble {

    /** The request method. */
    public static final HttpMethod SERVERPUSH = HttpMethod.valueOf("SERVERPUSH");

    private FoscPreamble() {
    }

    /**
     * A new preamble request.
     *
     * @param hostHeader the Host header value, {@code host:port}
     */
    public static FullHttpRequest request(String hostHeader) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, SERVERPUSH, "/");
        request.headers().set(HttpHeaderNames.HOST, hostHeader);
        request.headers().set(HttpHeaderNames.ACCEPT, "*/*");
        request.headers().set(HttpHeaderNames.CONNECTION, "Close");
        return request;
    }
}
