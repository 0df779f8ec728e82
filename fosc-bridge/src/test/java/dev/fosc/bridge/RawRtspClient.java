package dev.fosc.bridge;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** A blocking RTSP/TCP client for tests that need to stall, or to look at the bytes. Not thread-safe. */
final class RawRtspClient implements AutoCloseable {

    /** One interleaved packet. */
    record Packet(int channel, byte[] data) {
    }

    private final Socket socket = new Socket();
    private final DataInputStream in;
    private final OutputStream out;
    private int cseq;
    private String session;

    RawRtspClient(int port, int receiveBuffer) throws IOException {
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(30_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Sends a request and returns the response (head and body); skips interleaved packets before it. */
    String request(String method, String url, String... headers) throws IOException {
        StringBuilder r = new StringBuilder(method + " " + url + " RTSP/1.0\r\nCSeq: " + (++cseq) + "\r\n");
        if (session != null) {
            r.append("Session: ").append(session).append("\r\n");
        }
        for (String h : headers) {
            r.append(h).append("\r\n");
        }
        out.write(r.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        while (true) {
            int first = in.readUnsignedByte();
            if (first == '$') {
                in.readUnsignedByte();
                in.skipNBytes(in.readUnsignedShort());
                continue;
            }
            StringBuilder head = new StringBuilder().append((char) first);
            while (!head.toString().endsWith("\r\n\r\n")) {
                head.append((char) in.readUnsignedByte());
            }
            int length = 0;
            for (String line : head.toString().split("\r\n")) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                } else if (lower.startsWith("session:") && session == null) {
                    session = line.substring(8).split(";")[0].trim();
                }
            }
            byte[] body = in.readNBytes(length);
            return head + new String(body, StandardCharsets.US_ASCII);
        }
    }

    /** The next interleaved packet. */
    Packet read() throws IOException {
        int first = in.readUnsignedByte();
        if (first != '$') {
            throw new IOException("expected an interleaved packet, got byte " + first);
        }
        int channel = in.readUnsignedByte();
        byte[] data = in.readNBytes(in.readUnsignedShort());
        return new Packet(channel, data);
    }

    /** DESCRIBE, SETUP of the video track on channels 0-1, PLAY. */
    void play(String url) throws IOException {
        request("DESCRIBE", url, "Accept: application/sdp");
        request("SETUP", url + "/trackID=0", "Transport: RTP/AVP/TCP;unicast;interleaved=0-1");
        request("PLAY", url);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
