package dev.fosc.codec;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The decoded form shows the wire's unsigned values; an empty LOGIN_REPLY has a null result. */
class FoscDecodedFormTest {

    private static final long U32_MAX = 0xFFFF_FFFFL;

    @Test
    void u32FieldsAreUnsigned() {
        FoscMediaHeader h = FoscMediaHeader.video(5, true, -1, -2, -3, -4);
        FoscVideoData video = new FoscVideoData(h, Unpooled.wrappedBuffer(new byte[3]));
        try {
            Map<String, Object> m = FoscDecodedForm.of(video);
            assertEquals(5L, m.get("timestamp"));
            assertEquals(U32_MAX, m.get("width"));
            assertEquals(U32_MAX - 1, m.get("height"));
            assertEquals(U32_MAX - 2, m.get("frameRate"));
            assertEquals(U32_MAX - 3, m.get("bitRate"));
        } finally {
            video.release();
        }
        assertEquals(U32_MAX, FoscDecodedForm.of(new FoscVideoOnReply(-1)).get("status"));
        assertEquals(U32_MAX, FoscDecodedForm.of(new FoscLoginCheckReply(-1)).get("result"));
        assertEquals(U32_MAX, FoscDecodedForm.of(new FoscPowerFrequency(-1)).get("frequency"));
        assertEquals(U32_MAX, FoscDecodedForm.of(new FoscStreamSelect(-1)).get("stream"));
        assertEquals(U32_MAX, FoscDecodedForm.of(new FoscMirrorFlip(-1, 0, FoscMirrorFlip.LENGTH)).get("mirror"));
        assertEquals(U32_MAX, FoscDecodedForm.of(new FoscLogin(FoscTestSupport.CREDS, 1, -1)).get("loginStream"));
        assertEquals(1L, FoscDecodedForm.of(new FoscLoginCheckReply(1)).get("result"));
    }

    @Test
    void aTimestampAboveLongMaxIsABigInteger() {
        FoscAudioData audio = new FoscAudioData(FoscMediaHeader.audio(-1L), Unpooled.wrappedBuffer(new byte[120]));
        try {
            assertEquals(new BigInteger("18446744073709551615"), FoscDecodedForm.of(audio).get("timestamp"));
        } finally {
            audio.release();
        }
    }

    @Test
    void anEmptyLoginReplyHasANullResult() {
        Map<String, Object> empty = FoscDecodedForm.of(FoscLoginReply.refusedEmpty());
        assertTrue(empty.containsKey("result"), empty.toString());
        assertNull(empty.get("result"));
        FoscLoginReply allOnes = new FoscLoginReply(-1, List.of(), List.of(), "", 8);
        assertEquals(U32_MAX, FoscDecodedForm.of(allOnes).get("result"), "a wire result of 0xFFFFFFFF");
        assertEquals(0L, FoscDecodedForm.of(FoscLoginReply.accepted(List.of(), List.of(), "x")).get("result"));
    }
}
