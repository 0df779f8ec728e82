package dev.fosc.benchmarks.fleet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The bytes the raw baseline sends, built by hand from docs/protocol.md (no codec): the SDK's SERVERPUSH preamble,
 * LOGIN (12, 164 bytes) and VIDEO_ON (0, 161 bytes, stream byte 0), and the LOGIN_CHECK (15) keepalive.
 */
final class RawHello {

    static final int MAGIC_BIG_ENDIAN = 0x464F5343; // "FOSC"
    static final int HEADER = 12;
    static final int VIDEO_DATA = 26;
    static final int LOGIN_REPLY = 100;

    private RawHello() {
    }

    /** Preamble + LOGIN (+ VIDEO_ON when {@code video}), in one buffer's worth of bytes. */
    static byte[] hello(String host, int port, String user, String password, int uid, boolean video) {
        byte[] preamble = ("SERVERPUSH / HTTP/1.1\r\nHost: " + host + ":" + port
                + "\r\nAccept:*/*\r\nConnection: Close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(preamble.length + HEADER + 164 + (video ? HEADER + 161 : 0))
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put(preamble);
        header(b, 12, 164);
        int login = b.position();
        str64(b, login, user);
        str64(b, login + 64, password);
        b.putInt(login + 128, uid);
        b.putInt(login + 132, 0); // login stream: main
        b.position(login + 164);
        if (video) {
            header(b, 0, 161);
            int on = b.position();
            b.put(on, (byte) 0); // stream byte 0 (main)
            str64(b, on + 1, user);
            str64(b, on + 65, password);
            b.putInt(on + 129, uid);
            b.position(on + 161);
        }
        return b.array();
    }

    /** LOGIN_CHECK (15) with {@code uid}. */
    static byte[] loginCheck(int uid) {
        ByteBuffer b = ByteBuffer.allocate(HEADER + 4).order(ByteOrder.LITTLE_ENDIAN);
        header(b, 15, 4);
        b.putInt(uid);
        return b.array();
    }

    private static void header(ByteBuffer b, int command, int length) {
        b.putInt(command);
        b.order(ByteOrder.BIG_ENDIAN).putInt(MAGIC_BIG_ENDIAN).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(length);
    }

    private static void str64(ByteBuffer b, int at, String s) {
        byte[] v = s.getBytes(StandardCharsets.UTF_8);
        if (v.length > 64) {
            throw new IllegalArgumentException("longer than 64 bytes: a user or password");
        }
        for (int i = 0; i < v.length; i++) {
            b.put(at + i, v[i]);
        }
    }
}
