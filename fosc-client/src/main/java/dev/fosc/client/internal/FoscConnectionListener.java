package dev.fosc.client.internal;

import dev.fosc.codec.FoscLoginReply;
import dev.fosc.codec.FoscMalformedPayloadException;
import dev.fosc.codec.FoscMessage;

/**
 * What a {@link FoscConnectionHandler} reports to its session. Every call runs on the connection's event loop.
 */
interface FoscConnectionListener {

    /** The channel is active and the preamble (if any) written: a logging-in role has sent LOGIN. */
    void connectionActive(FoscConnectionHandler connection);

    /** The camera accepted the login (the first one on this connection, or a re-login after a lost one). */
    void connectionLoggedIn(FoscConnectionHandler connection, FoscLoginReply reply);

    /** The camera refused the login; the session decides what to do with the connection. */
    void connectionLoginRefused(FoscConnectionHandler connection, FoscLoginReply reply);

    /**
     * The LOGIN_REPLY could not be decoded (1..3 bytes, a count out of range...): not logged in (docs/protocol.md §3).
     * The session decides what to do with the connection.
     */
    void connectionLoginInvalid(FoscConnectionHandler connection, FoscMalformedPayloadException cause);

    /** A LOGIN_CHECK_REPLY said the login was lost; the connection has sent LOGIN again. */
    void connectionLoginLost(FoscConnectionHandler connection);

    /**
     * A message that is not a reply: media, events, unknown or invalid frames. Ownership passes to the listener,
     * which must release reference-counted messages.
     */
    void connectionMessage(FoscConnectionHandler connection, FoscMessage message);

    /**
     * A video frame that arrived whole in one read ({@link FoscClientDecoder}). Ownership passes to the listener,
     * which must deliver or release it before returning: the frame borrows the receive buffer.
     */
    void connectionVideo(FoscConnectionHandler connection, DefaultFoscVideoFrame frame);

    /**
     * The channel closed. Every request still waiting has failed already.
     *
     * @param cause why: what the handler closed it for, the I/O error, or a "camera closed the connection"
     *     exception; never {@code null}
     */
    void connectionClosed(FoscConnectionHandler connection, Throwable cause);
}
