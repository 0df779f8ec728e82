package dev.fosc.benchmarks.bridge;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * A light RTSP viewer over TCP (interleaved RTP): DESCRIBE, SETUP of the video (channels 0-1) and audio (2-3)
 * tracks, PLAY; then it only counts: RTP packets and bytes, video frames (packets with the marker bit), and packets
 * missing by the video track's sequence numbers. No RTP payload is copied or decoded.
 *
 * <p><b>Threading:</b> runs on its channel's event loop; the counters are read from any thread.
 */
final class RtspViewer extends ByteToMessageDecoder {

    private static final int MAX_HEAD = 16 * 1024;

    private final String url;
    private int step;
    private int cseq;
    private String session;
    private int lastSeq = -1;

    volatile boolean playing;
    volatile boolean failed;
    volatile long videoFrames;
    volatile long videoPackets;
    volatile long audioPackets;
    volatile long bytes;
    volatile long lostPackets;

    RtspViewer(String url) {
        this.url = url;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        request(ctx, "DESCRIBE", url, "Accept: application/sdp");
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        playing = false;
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        failed = true;
        ctx.close();
    }

    private void request(ChannelHandlerContext ctx, String method, String uri, String... headers) {
        StringBuilder r = new StringBuilder(method).append(' ').append(uri).append(" RTSP/1.0\r\nCSeq: ")
                .append(++cseq).append("\r\n");
        if (session != null) {
            r.append("Session: ").append(session).append("\r\n");
        }
        for (String h : headers) {
            r.append(h).append("\r\n");
        }
        ctx.writeAndFlush(ctx.alloc().buffer().writeBytes(r.append("\r\n").toString()
                .getBytes(StandardCharsets.US_ASCII)));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            int at = in.readerIndex();
            if (in.getByte(at) == '$') {
                if (in.readableBytes() < 4) {
                    return;
                }
                int length = in.getUnsignedShort(at + 2);
                if (in.readableBytes() < 4 + length) {
                    return;
                }
                packet(in, in.getUnsignedByte(at + 1), at + 4, length);
                in.skipBytes(4 + length);
            } else if (!response(ctx, in)) {
                return;
            }
        }
    }

    private void packet(ByteBuf in, int channel, int at, int length) {
        bytes += length; // one writer: this loop
        if (channel == 2) {
            audioPackets++;
        } else if (channel == 0 && length >= 12) {
            videoPackets++;
            int seq = in.getUnsignedShort(at + 2);
            if (lastSeq >= 0 && seq != ((lastSeq + 1) & 0xFFFF)) {
                lostPackets += (seq - lastSeq - 1) & 0xFFFF;
            }
            lastSeq = seq;
            if ((in.getByte(at + 1) & 0x80) != 0) {
                videoFrames++;
            }
        }
    }

    /** Reads one whole response (head and body) and sends the next request; false when it is not all there. */
    private boolean response(ChannelHandlerContext ctx, ByteBuf in) {
        int end = -1;
        for (int i = in.readerIndex(); i + 3 < in.writerIndex(); i++) {
            if (in.getByte(i) == '\r' && in.getByte(i + 1) == '\n' && in.getByte(i + 2) == '\r'
                    && in.getByte(i + 3) == '\n') {
                end = i + 4;
                break;
            }
        }
        if (end < 0) {
            if (in.readableBytes() > MAX_HEAD) {
                throw new IllegalStateException("no end of an RTSP response head in " + MAX_HEAD + " bytes");
            }
            return false;
        }
        String head = in.toString(in.readerIndex(), end - in.readerIndex(), StandardCharsets.US_ASCII);
        int contentLength = 0;
        for (String line : head.split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                contentLength = Integer.parseInt(line.substring(15).trim());
            } else if (lower.startsWith("session:")) {
                session = line.substring(8).trim().split(";")[0];
            }
        }
        if (in.writerIndex() - end < contentLength) {
            return false;
        }
        in.readerIndex(end + contentLength);
        if (!head.startsWith("RTSP/1.0 200")) {
            throw new IllegalStateException(url + ": " + head.split("\r\n")[0]);
        }
        switch (step++) {
            case 0 -> request(ctx, "SETUP", url + "/trackID=0", "Transport: RTP/AVP/TCP;unicast;interleaved=0-1");
            case 1 -> request(ctx, "SETUP", url + "/trackID=1", "Transport: RTP/AVP/TCP;unicast;interleaved=2-3");
            case 2 -> request(ctx, "PLAY", url, "Range: npt=0.000-");
            case 3 -> playing = true;
            default -> {
                // keepalive answers
            }
        }
        return true;
    }
}
