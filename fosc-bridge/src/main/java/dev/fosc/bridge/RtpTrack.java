package dev.fosc.bridge;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One RTP stream sent to one viewer over its RTSP connection (RFC 2326 §10.12 interleaving): its interleaved
 * channels, SSRC, sequence numbers, timestamp offset and the counts of its RTCP sender reports.
 *
 * <p>Packets are appended to a {@link CompositeByteBuf}: the 4-byte interleaving header, the RTP header and the
 * FU-A bytes are written into a small buffer per call, the payloads are retained slices of the camera's frame
 * (zero-copy). <b>Threading:</b> not thread-safe; used only on the camera session's event loop.
 */
final class RtpTrack {

    /** Largest RTP payload: keeps packets below a typical 1500-byte MTU for clients that relay them over UDP. */
    static final int MAX_PAYLOAD = 1400;
    private static final int FU_A = 28;
    private static final long SR_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long NTP_EPOCH_OFFSET = 2_208_988_800L;

    private final int channel;
    private final int payloadType;
    private final int clockRate;
    private final int ssrc;
    private final int timestampOffset;
    private int sequence;
    private long packets;
    private long octets;
    private long lastReportNanos;
    private boolean reported;

    RtpTrack(int channel, int payloadType, int clockRate) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        this.channel = channel;
        this.payloadType = payloadType;
        this.clockRate = clockRate;
        this.ssrc = random.nextInt();
        this.timestampOffset = random.nextInt();
        this.sequence = random.nextInt(0x10000);
    }

    int channel() {
        return channel;
    }

    int ssrc() {
        return ssrc;
    }

    /** The RTP timestamp of a camera timestamp in milliseconds. */
    int rtpTimestamp(long cameraMillis) {
        return (int) (cameraMillis * (clockRate / 1000)) + timestampOffset;
    }

    /**
     * Appends the RTP packets of one H.264 access unit (RFC 6184: a single NAL unit packet for each NAL unit that
     * fits, FU-A fragments for the others; the marker bit on the last packet).
     */
    void appendVideo(CompositeByteBuf out, ByteBuf data, List<int[]> units, int timestamp) {
        ByteBufAllocator alloc = out.alloc();
        for (int u = 0; u < units.size(); u++) {
            int[] unit = units.get(u);
            boolean lastUnit = u == units.size() - 1;
            int offset = unit[0];
            int length = unit[1];
            if (length <= MAX_PAYLOAD) {
                append(out, alloc, data.retainedSlice(offset, length), lastUnit, timestamp, -1, 0);
                continue;
            }
            int nalHeader = data.getByte(offset) & 0xFF;
            int indicator = (nalHeader & 0xE0) | FU_A;
            int type = nalHeader & 0x1F;
            int at = offset + 1;
            int end = offset + length;
            boolean first = true;
            while (at < end) {
                int n = Math.min(MAX_PAYLOAD - 2, end - at);
                boolean last = at + n == end;
                int fuHeader = (first ? 0x80 : 0) | (last ? 0x40 : 0) | type;
                append(out, alloc, data.retainedSlice(at, n), last && lastUnit, timestamp, indicator, fuHeader);
                at += n;
                first = false;
            }
        }
    }

    /** Appends one packet whose payload is {@code payload} (ownership passes to {@code out}). */
    void appendAudio(CompositeByteBuf out, ByteBuf payload, int timestamp) {
        append(out, out.alloc(), payload, true, timestamp, -1, 0);
    }

    private void append(CompositeByteBuf out, ByteBufAllocator alloc, ByteBuf payload, boolean marker,
                        int timestamp, int fuIndicator, int fuHeader) {
        int extra = fuIndicator >= 0 ? 2 : 0;
        int rtpLength = 12 + extra + payload.readableBytes();
        ByteBuf header = alloc.buffer(4 + 12 + extra);
        header.writeByte('$').writeByte(channel).writeShort(rtpLength);
        header.writeByte(0x80).writeByte((marker ? 0x80 : 0) | payloadType).writeShort(sequence)
                .writeInt(timestamp).writeInt(ssrc);
        if (extra > 0) {
            header.writeByte(fuIndicator).writeByte(fuHeader);
        }
        sequence = (sequence + 1) & 0xFFFF;
        packets++;
        octets += extra + payload.readableBytes();
        out.addComponent(true, header);
        out.addComponent(true, payload);
    }

    /**
     * Appends an RTCP sender report (RFC 3550 §6.4.1) on the channel after this track's when none was sent for
     * five seconds: it ties {@code timestamp} (the packet just appended) to the wall clock now.
     */
    void maybeAppendSenderReport(CompositeByteBuf out, int timestamp, long nowNanos) {
        if (reported && nowNanos - lastReportNanos < SR_INTERVAL_NANOS) {
            return;
        }
        reported = true;
        lastReportNanos = nowNanos;
        long millis = System.currentTimeMillis();
        long ntpSeconds = millis / 1000 + NTP_EPOCH_OFFSET;
        long ntpFraction = ((millis % 1000) << 32) / 1000;
        ByteBuf sr = out.alloc().buffer(4 + 28);
        sr.writeByte('$').writeByte(channel + 1).writeShort(28);
        sr.writeByte(0x80).writeByte(200).writeShort(6).writeInt(ssrc);
        sr.writeInt((int) ntpSeconds).writeInt((int) ntpFraction).writeInt(timestamp);
        sr.writeInt((int) packets).writeInt((int) octets);
        out.addComponent(true, sr);
    }
}
