package dev.fosc.bridge;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The camera's sequence and picture parameter sets as an SDP describes them (RFC 6184 §8.1): the
 * {@code sprop-parameter-sets} (base64 of each, comma separated) and the {@code profile-level-id} (the three bytes
 * after the SPS's NAL header: profile_idc, the constraint flags, level_idc, in hex). Immutable; thread-safe.
 *
 * <p>Parsed from a key frame's Annex-B data by the bridge itself for now (a shared SPS/PPS parser is planned in
 * the client).
 */
final class H264Parameters {

    private static final int SPS = 7;
    private static final int PPS = 8;

    private final byte[] sps;
    private final byte[] pps;

    private H264Parameters(byte[] sps, byte[] pps) {
        this.sps = sps;
        this.pps = pps;
    }

    /**
     * The parameter sets of an access unit, or {@code null} when it lacks either (only the first of each is
     * kept) or its SPS is too short to hold a profile and level.
     */
    static H264Parameters of(ByteBuf accessUnit) {
        byte[] sps = null;
        byte[] pps = null;
        List<int[]> units = AnnexB.nalUnits(accessUnit);
        for (int[] unit : units) {
            int type = AnnexB.type(accessUnit, unit);
            if (type == SPS && sps == null && unit[1] >= 4) {
                sps = ByteBufUtil.getBytes(accessUnit, unit[0], unit[1]);
            } else if (type == PPS && pps == null) {
                pps = ByteBufUtil.getBytes(accessUnit, unit[0], unit[1]);
            }
        }
        return sps != null && pps != null ? new H264Parameters(sps, pps) : null;
    }

    /** {@code profile-level-id}: six hex digits. */
    String profileLevelId() {
        return String.format("%02X%02X%02X", sps[1] & 0xFF, sps[2] & 0xFF, sps[3] & 0xFF);
    }

    /** {@code sprop-parameter-sets}: base64 SPS, a comma, base64 PPS. */
    String spropParameterSets() {
        Base64.Encoder b64 = Base64.getEncoder();
        return b64.encodeToString(sps) + "," + b64.encodeToString(pps);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof H264Parameters p && Arrays.equals(sps, p.sps) && Arrays.equals(pps, p.pps);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(sps) + Arrays.hashCode(pps);
    }

    @Override
    public String toString() {
        return "H264Parameters[profile-level-id=" + profileLevelId() + "]";
    }
}
