package dev.fosc.bridge;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Digest and Basic checks of {@link RtspAuth}, against RFC 2617's example and headers as clients send them. */
class RtspAuthTest {

    private static final String URI = "rtsp://127.0.0.1:8554/door/";

    private final AtomicLong clock = new AtomicLong(1_765_000_000_000L);
    private final RtspAuth auth = new RtspAuth("viewer", "s3cret pw", RtspAuth.REALM, clock::get);

    @Test
    void digestResponseIsRfc2617sExample() {
        // RFC 2617 §3.5: Mufasa / "Circle Of Life" in testrealm@host.com, qop=auth
        String ha1 = RtspAuth.md5Hex("Mufasa:testrealm@host.com:Circle Of Life");
        assertEquals("6629fae49393a05397450978507c4ef1", RtspAuth.digestResponse(ha1,
                "dcd98b7102dd2f0e8b11d0f600bfb0c093", "GET", "/dir/index.html", "auth", "00000001", "0a4f113b"));
    }

    @Test
    void aDigestWithoutQopAsFfmpegAndLive555SendItIsAccepted() {
        String nonce = nonceOfChallenge(auth.challenges(false).get(0));
        assertEquals(RtspAuth.Result.OK, auth.check("DESCRIBE", digest("viewer", "s3cret pw", nonce, "DESCRIBE",
                URI, null)));
        // the method is part of the response: the same header does not authenticate another method
        String forDescribe = digest("viewer", "s3cret pw", nonce, "DESCRIBE", URI, null);
        assertEquals(RtspAuth.Result.WRONG, auth.check("SETUP", forDescribe));
    }

    @Test
    void aDigestWithQopAuthIsAccepted() {
        String nonce = nonceOfChallenge(auth.challenges(false).get(0));
        assertEquals(RtspAuth.Result.OK, auth.check("PLAY", digest("viewer", "s3cret pw", nonce, "PLAY", URI,
                "auth")));
    }

    @Test
    void aWrongPasswordUserRealmOrForgedNonceIsRefused() {
        String nonce = nonceOfChallenge(auth.challenges(false).get(0));
        assertEquals(RtspAuth.Result.WRONG, auth.check("DESCRIBE", digest("viewer", "guess", nonce, "DESCRIBE",
                URI, null)));
        assertEquals(RtspAuth.Result.WRONG, auth.check("DESCRIBE", digest("admin", "s3cret pw", nonce, "DESCRIBE",
                URI, null)));
        String forged = Long.toHexString(clock.get()) + "0".repeat(32);
        assertEquals(RtspAuth.Result.WRONG, auth.check("DESCRIBE", digest("viewer", "s3cret pw", forged,
                "DESCRIBE", URI, null)));
        String otherBridge = new RtspAuth("viewer", "s3cret pw", RtspAuth.REALM, clock::get).nonce(clock.get());
        assertEquals(RtspAuth.Result.WRONG, auth.check("DESCRIBE", digest("viewer", "s3cret pw", otherBridge,
                "DESCRIBE", URI, null)));
        String otherRealm = digest("viewer", "s3cret pw", nonce, "DESCRIBE", URI, null)
                .replace("realm=\"fosc-bridge\"", "realm=\"elsewhere\"");
        assertEquals(RtspAuth.Result.WRONG, auth.check("DESCRIBE", otherRealm));
        assertEquals(RtspAuth.Result.WRONG, auth.check("DESCRIBE", "Digest username=\"viewer\""));
    }

    @Test
    void aNonceIsValidForABoundedTimeThenStale() {
        String nonce = nonceOfChallenge(auth.challenges(false).get(0));
        clock.addAndGet(RtspAuth.NONCE_VALIDITY.toMillis());
        assertEquals(RtspAuth.Result.OK, auth.check("DESCRIBE", digest("viewer", "s3cret pw", nonce, "DESCRIBE",
                URI, null)));
        clock.addAndGet(1);
        assertEquals(RtspAuth.Result.STALE, auth.check("DESCRIBE", digest("viewer", "s3cret pw", nonce,
                "DESCRIBE", URI, null)));
        // a stale nonce with a wrong password is wrong, not stale: stale=true would invite a silent retry
        assertEquals(RtspAuth.Result.WRONG, auth.check("DESCRIBE", digest("viewer", "guess", nonce, "DESCRIBE",
                URI, null)));
        String fresh = auth.challenges(true).get(0);
        assertTrue(fresh.endsWith(", stale=true"), fresh);
        assertNotEquals(nonce, nonceOfChallenge(fresh));
    }

    @Test
    void basicIsCheckedToo() {
        assertEquals(RtspAuth.Result.OK, auth.check("DESCRIBE", basic("viewer:s3cret pw")));
        assertEquals(RtspAuth.Result.WRONG, auth.check("DESCRIBE", basic("viewer:s3cret")));
        assertEquals(RtspAuth.Result.WRONG, auth.check("DESCRIBE", "Basic not-base64!"));
        assertEquals(RtspAuth.Result.MISSING, auth.check("DESCRIBE", null));
        assertEquals(RtspAuth.Result.MISSING, auth.check("DESCRIBE", "Bearer abc"));
    }

    @Test
    void theChallengesOfferDigestFirstThenBasicAndNoPasswordShows() {
        List<String> challenges = auth.challenges(false);
        assertEquals(2, challenges.size());
        assertTrue(challenges.get(0).startsWith("Digest realm=\"fosc-bridge\", nonce=\""), challenges.get(0));
        assertTrue(challenges.get(0).contains("algorithm=MD5"), challenges.get(0));
        assertFalse(challenges.get(0).contains("stale"), challenges.get(0));
        assertEquals("Basic realm=\"fosc-bridge\"", challenges.get(1));
        assertFalse(auth.toString().contains("s3cret"), auth.toString());
    }

    @Test
    void headerParametersAreQuotedOrTokens() {
        Map<String, String> p = RtspAuth.parameters("username=\"a\\\"b\", realm=\"r, s\",nc=00000001 , qop=auth");
        assertEquals("a\"b", p.get("username"));
        assertEquals("r, s", p.get("realm"));
        assertEquals("00000001", p.get("nc"));
        assertEquals("auth", p.get("qop"));
    }

    /** A Digest Authorization header computed here, independently of RtspAuth's own response code. */
    static String digest(String user, String password, String nonce, String method, String uri, String qop) {
        String ha1 = RtspAuth.md5Hex(user + ":" + RtspAuth.REALM + ":" + password);
        String ha2 = RtspAuth.md5Hex(method + ":" + uri);
        String header = "Digest username=\"" + user + "\", realm=\"" + RtspAuth.REALM + "\", nonce=\"" + nonce
                + "\", uri=\"" + uri + "\", ";
        if (qop == null) {
            return header + "response=\"" + RtspAuth.md5Hex(ha1 + ":" + nonce + ":" + ha2) + "\"";
        }
        String cnonce = "0a4f113b";
        String nc = "00000001";
        return header + "response=\"" + RtspAuth.md5Hex(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop
                + ":" + ha2) + "\", qop=" + qop + ", nc=" + nc + ", cnonce=\"" + cnonce + "\"";
    }

    static String nonceOfChallenge(String challenge) {
        return RtspAuth.parameters(challenge.substring("Digest ".length())).get("nonce");
    }

    private static String basic(String userPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userPassword.getBytes(StandardCharsets.UTF_8));
    }
}
