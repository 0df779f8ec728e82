package dev.fosc.client.internal;

import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.unix.Errors;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;

/**
 * Turns the I/O errors of a connection into what an operator reads: "connection refused", "no route to host",
 * "connection reset by the camera", never a native call name such as {@code finishConnect(..) failed with
 * error(-111)} nor an exception class name. The one place every message about an I/O cause goes through (log lines
 * and exception messages alike).
 *
 * <p>Native transport errors ({@link Errors.NativeIoException}) are read by their errno (Linux numbers: the native
 * transport on the class path is epoll); NIO's exceptions by their type, then their text. Stateless; thread-safe.
 */
public final class FoscIoErrors {

    // Linux errno values, as Netty's native transport reports them (negated)
    private static final int EPIPE = 32;
    private static final int ENETUNREACH = 101;
    private static final int ECONNRESET = 104;
    private static final int ETIMEDOUT = 110;
    private static final int ECONNREFUSED = 111;
    private static final int EHOSTDOWN = 112;
    private static final int EHOSTUNREACH = 113;

    private FoscIoErrors() {
    }

    /**
     * What went wrong, as a short lower-case sentence without a full stop: the first cause in {@code error}'s chain
     * that says more than a wrapper does.
     */
    public static String describe(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String known = known(t);
            if (known != null) {
                return known;
            }
        }
        return plain(error);
    }

    private static String known(Throwable t) {
        if (t instanceof Errors.NativeIoException) {
            String byErrno = byErrno(-((Errors.NativeIoException) t).expectedErr());
            return byErrno != null ? byErrno : byText(t.getMessage());
        }
        if (t instanceof ConnectTimeoutException) {
            return "connection timed out (no answer to the TCP connect)";
        }
        if (t instanceof NoRouteToHostException) {
            return "no route to host";
        }
        if (t instanceof PortUnreachableException) {
            return "port unreachable";
        }
        if (t instanceof UnknownHostException) {
            return "unknown host" + (t.getMessage() != null ? " " + t.getMessage() : "");
        }
        if (t instanceof ClosedChannelException) {
            return "the connection was closed";
        }
        if (t instanceof ConnectException || t instanceof IOException) {
            return byText(t.getMessage());
        }
        return null;
    }

    private static String byErrno(int errno) {
        switch (errno) {
            case ECONNREFUSED: return "connection refused";
            case ECONNRESET: return "connection reset by the camera";
            case EPIPE: return "connection reset by the camera (broken pipe)";
            case EHOSTUNREACH: return "no route to host";
            case EHOSTDOWN: return "host is down";
            case ENETUNREACH: return "network unreachable";
            case ETIMEDOUT: return "connection timed out";
            default: return null;
        }
    }

    /** The cause by the system's text ("Connection refused", a native message's tail); null if there is none. */
    private static String byText(String message) {
        if (message == null || message.isEmpty()) {
            return null;
        }
        String m = message.toLowerCase(Locale.ROOT);
        if (m.contains("connection refused")) {
            return "connection refused";
        }
        if (m.contains("connection reset")) {
            return "connection reset by the camera";
        }
        if (m.contains("broken pipe")) {
            return "connection reset by the camera (broken pipe)";
        }
        if (m.contains("no route to host")) {
            return "no route to host";
        }
        if (m.contains("network is unreachable")) {
            return "network unreachable";
        }
        if (m.contains("timed out")) {
            return "connection timed out";
        }
        // a native message "call(..) failed with error(-N): Text": keep the system's text only
        int tail = message.lastIndexOf("): ");
        return tail >= 0 ? message.substring(tail + 3) : message;
    }

    private static String plain(Throwable error) {
        if (error == null) {
            return "unknown cause";
        }
        String m = error.getMessage();
        return m != null && !m.isEmpty() ? m : "an unexpected " + (error instanceof Error ? "error" : "failure")
                + " without a message";
    }
}
