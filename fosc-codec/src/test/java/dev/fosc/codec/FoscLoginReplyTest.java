package dev.fosc.codec;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;

import static dev.fosc.codec.FoscTestSupport.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The empty refusal is told apart by its length, not by a result of -1 that a full payload may also carry. */
class FoscLoginReplyTest {

    private static FoscLoginReply decode(byte[] payload) {
        ByteBuf f = FoscTestSupport.buf(frame(100, payload));
        try {
            return assertInstanceOf(FoscLoginReply.class, FoscFrames.decode(f));
        } finally {
            f.release();
        }
    }

    @Test
    void anEmptyPayloadIsTheEmptyRefusal() {
        FoscLoginReply r = decode(new byte[0]);
        assertTrue(r.isEmptyRefusal());
        assertFalse(r.isAccepted());
        assertEquals(FoscLoginReply.RESULT_EMPTY, r.result());
        assertTrue(FoscLoginReply.refusedEmpty().isEmptyRefusal());
    }

    @Test
    void aWireResultOfAllOnesIsARefusalButNotTheEmptyOne() {
        byte[] payload = {-1, -1, -1, -1, 0, 0, 0, 0};
        FoscLoginReply r = decode(payload);
        assertEquals(-1, r.result(), "the u32 as a signed int: the same value as RESULT_EMPTY");
        assertFalse(r.isEmptyRefusal());
        assertFalse(r.isAccepted());
        assertEquals(8, r.payloadLength());
        assertFalse(FoscLoginReply.refused(FoscLoginReply.RESULT_BAD_CREDENTIALS).isEmptyRefusal());
    }
}
