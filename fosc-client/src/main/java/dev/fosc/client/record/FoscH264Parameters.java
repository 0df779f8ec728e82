package dev.fosc.client.record;

import dev.fosc.codec.H264Sps;
import io.netty.buffer.ByteBuf;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * The H.264 parameter sets of a camera stream: the raw SPS and PPS NAL units (header byte first, no start code,
 * emulation prevention bytes in, as on the wire) and the SPS fields parsed ({@link #sps()}: size,
 * {@code profile-level-id}). What a recorder writes into a container's header and an RTSP server announces in its
 * SDP ({@link #spropParameterSets()}, {@link #profileLevelId()}). The camera sends them in-band, in front of every key
 * frame; {@link #fromAccessUnit(ByteBuf)} takes them from there, and {@link FoscKeyFrameGate} keeps the current ones.
 *
 * <p>Immutable and thread-safe: the byte arrays are copied in and out.
 */
public final class FoscH264Parameters {

    /** The NAL unit type of a picture parameter set. */
    public static final int PPS_NAL_TYPE = 8;

    private static final byte[] START_CODE = {0, 0, 0, 1};

    private final byte[] spsNal;
    private final byte[] ppsNal;
    private final H264Sps sps;

    private FoscH264Parameters(byte[] spsNal, byte[] ppsNal, H264Sps sps) {
        this.spsNal = spsNal;
        this.ppsNal = ppsNal;
        this.sps = sps;
    }

    /**
     * The parameters of these NAL units (copied).
     *
     * @param spsNal an SPS NAL unit: header byte (type 7) first, no start code
     * @param ppsNal a PPS NAL unit: header byte (type 8) first, no start code
     * @throws IllegalArgumentException if {@code spsNal} is not a readable SPS or {@code ppsNal} is not a PPS
     * @return the parameters of these NAL units (copied)
     */
    public static FoscH264Parameters of(byte[] spsNal, byte[] ppsNal) {
        Objects.requireNonNull(spsNal, "spsNal");
        Objects.requireNonNull(ppsNal, "ppsNal");
        if (ppsNal.length < 2 || (ppsNal[0] & 0x1f) != PPS_NAL_TYPE) {
            throw new IllegalArgumentException("not an H.264 PPS: " + (ppsNal.length < 1 ? "empty"
                    : "NAL unit type " + (ppsNal[0] & 0x1f) + " of " + ppsNal.length + " bytes"));
        }
        return new FoscH264Parameters(spsNal.clone(), ppsNal.clone(), H264Sps.parseNal(spsNal));
    }

    /**
     * The parameter sets carried in front of the picture of an Annex-B access unit (a key frame's
     * {@link dev.fosc.client.FoscVideoFrame#data()}), or {@code null} when it carries no SPS or no PPS (delta
     * frames do not). The first SPS and the first PPS count. The buffer's reader index does not move.
     *
     * @throws IllegalArgumentException if the SPS it carries cannot be read
     * @param accessUnit the access unit
     * @return the parameter sets carried in front of the picture of an Annex-B access unit (a key frame's {@link
     *     dev.fosc.client.FoscVideoFrame#data()}), or {@code null} when it carries no SPS or no PPS (delta frames do
     *     not)
     */
    public static FoscH264Parameters fromAccessUnit(ByteBuf accessUnit) {
        byte[] spsNal = null;
        byte[] ppsNal = null;
        for (byte[] nal : AnnexB.nalUnitsBeforeFirstSlice(accessUnit)) {
            int type = nal[0] & 0x1f;
            if (type == H264Sps.NAL_TYPE && spsNal == null) {
                spsNal = nal;
            } else if (type == PPS_NAL_TYPE && ppsNal == null) {
                ppsNal = nal;
            }
        }
        if (spsNal == null || ppsNal == null) {
            return null;
        }
        return new FoscH264Parameters(spsNal, ppsNal, H264Sps.parseNal(spsNal));
    }

    /** {@return a copy of the SPS NAL unit (header byte first, no start code)} */
    public byte[] spsNal() {
        return spsNal.clone();
    }

    /** {@return a copy of the PPS NAL unit (header byte first, no start code)} */
    public byte[] ppsNal() {
        return ppsNal.clone();
    }

    /** {@return the parsed SPS: profile, constraints, level, picture size} */
    public H264Sps sps() {
        return sps;
    }

    /** {@return the displayed width in pixels, from the SPS} */
    public int width() {
        return sps.width();
    }

    /** {@return the displayed height in pixels, from the SPS} */
    public int height() {
        return sps.height();
    }

    /** {@return RFC 6184's {@code profile-level-id} (six hex digits), from the SPS} */
    public String profileLevelId() {
        return sps.profileLevelId();
    }

    /** {@return RFC 6184's {@code sprop-parameter-sets}: the SPS and the PPS in Base64, separated by a comma} */
    public String spropParameterSets() {
        Base64.Encoder b64 = Base64.getEncoder();
        return b64.encodeToString(spsNal) + "," + b64.encodeToString(ppsNal);
    }

    /** {@return SPS and PPS in Annex-B form ({@code 00 00 00 01} before each), to write in front of a key frame} */
    public byte[] annexB() {
        byte[] out = new byte[2 * START_CODE.length + spsNal.length + ppsNal.length];
        System.arraycopy(START_CODE, 0, out, 0, START_CODE.length);
        System.arraycopy(spsNal, 0, out, START_CODE.length, spsNal.length);
        int p = START_CODE.length + spsNal.length;
        System.arraycopy(START_CODE, 0, out, p, START_CODE.length);
        System.arraycopy(ppsNal, 0, out, p + START_CODE.length, ppsNal.length);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FoscH264Parameters && Arrays.equals(spsNal, ((FoscH264Parameters) o).spsNal)
                && Arrays.equals(ppsNal, ((FoscH264Parameters) o).ppsNal);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(spsNal) + Arrays.hashCode(ppsNal);
    }

    @Override
    public String toString() {
        return "FoscH264Parameters[" + width() + "x" + height() + ", profile-level-id=" + profileLevelId()
                + ", sps=" + spsNal.length + " B, pps=" + ppsNal.length + " B]";
    }
}
