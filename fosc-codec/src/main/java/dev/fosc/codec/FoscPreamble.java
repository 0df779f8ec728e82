package dev.fosc.codec;

import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;

/**
 * The HTTP-shaped request a client sends before the first frame (docs/protocol.md §1.1):
 * {@code SERVERPUSH / HTTP/1.1} with Host, Accept and Connection headers.
 *
 * <p>The header names are written as the SDK and every verified client write them ({@code Host},
 * {@code Accept}, {@code Connection}), not in Netty's lower-case constants: HTTP says names are
 * case-insensitive, but a camera's firmware parser need not.
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
     * @return a new preamble request
     */
    public static FullHttpRequest request(String hostHeader) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, SERVERPUSH, "/");
        request.headers().set("Host", hostHeader);
        request.headers().set("Accept", "*/*");
        request.headers().set("Connection", "Close");
        return request;
    }
}
