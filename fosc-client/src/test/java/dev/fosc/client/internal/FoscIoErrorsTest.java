package dev.fosc.client.internal;

import dev.fosc.client.FoscConnectionClosedException;
import dev.fosc.client.FoscStalledException;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.Errors;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.nio.channels.ClosedChannelException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** I/O errors read as causes, never as native call names or exception class names. */
class FoscIoErrorsTest {

    static {
        Epoll.ensureAvailability(); // native errors need the native library (on the class path, as in production)
    }

    private static Errors.NativeIoException nativeError(String call, int errno, String text) {
        return new Errors.NativeIoException(call + " failed with error(" + errno + "): " + text, errno);
    }

    @Test
    void nativeTransportErrorsReadAsCauses() {
        assertEquals("connection refused", FoscIoErrors.describe(nativeError("finishConnect(..)", -111,
                "Connection refused")));
        assertEquals("connection reset by the camera", FoscIoErrors.describe(nativeError("recvAddress(..)", -104,
                "Connection reset by peer")));
        assertEquals("no route to host", FoscIoErrors.describe(nativeError("finishConnect(..)", -113,
                "No route to host")));
        assertEquals("network unreachable", FoscIoErrors.describe(nativeError("finishConnect(..)", -101,
                "Network is unreachable")));
        assertEquals("connection reset by the camera (broken pipe)", FoscIoErrors.describe(nativeError(
                "writevAddresses(..)", -32, "Broken pipe")));
        assertEquals("Operation not permitted", FoscIoErrors.describe(nativeError("sendAddress(..)", -1,
                "Operation not permitted")), "an unknown errno keeps the system's text, not the call");
    }

    @Test
    void nioErrorsReadAsCauses() {
        assertEquals("connection refused", FoscIoErrors.describe(new ConnectException(
                "Connection refused: /127.0.0.1:88")));
        assertEquals("connection reset by the camera", FoscIoErrors.describe(new IOException(
                "Connection reset by peer")));
        assertEquals("no route to host", FoscIoErrors.describe(new NoRouteToHostException("No route to host")));
        assertEquals("connection timed out (no answer to the TCP connect)", FoscIoErrors.describe(
                new ConnectTimeoutException("connection timed out after 5000 ms: /10.0.0.9:88")));
        assertEquals("the connection was closed", FoscIoErrors.describe(new ClosedChannelException()));
    }

    @Test
    void theCauseInsideOurOwnExceptionIsFoundAndOurOwnSentencesPassThrough() {
        assertEquals("connection reset by the camera", FoscIoErrors.describe(new FoscConnectionClosedException(
                "connection to cam:88 lost", nativeError("recvAddress(..)", -104, "Connection reset by peer"))));
        assertEquals("camera cam:88 closed the connection", FoscIoErrors.describe(new FoscConnectionClosedException(
                "camera cam:88 closed the connection")));
        assertEquals("nothing received from cam:88 for 35000 ms: the connection stalled", FoscIoErrors.describe(
                new FoscStalledException("nothing received from cam:88 for 35000 ms: the connection stalled")));
        assertEquals("an unexpected failure without a message", FoscIoErrors.describe(new IllegalStateException()));
    }
}
