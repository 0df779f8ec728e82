package dev.fosc.bridge;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * RTSP authentication of the bridge's viewers with one user name and password: HTTP Digest (RFC 2617 with MD5, the
 * form ffmpeg, VLC/live555, GStreamer and go2rtc send, with or without {@code qop=auth}) and Basic (RFC 7617).
 *
 * <p>Nonces are stateless: the issue time and an HMAC-SHA256 of it under a random key of this object, so a nonce is
 * only accepted if this bridge made it, and only for {@link #NONCE_VALIDITY} after it was issued; an older nonce with
 * otherwise right credentials is answered with a fresh one marked {@code stale=true}, which clients answer without
 * asking their user again. The connection that authenticated stays authenticated (the RTSP session lives on that
 * TCP connection), so a nonce's short validity does not cut long-running viewers off.
 *
 * <p>The Digest's {@code uri} is taken as the client sent it, not compared with the request line's (clients differ
 * in trailing slashes and absolute forms); the response still binds it, the method and the nonce.
 *
 * <p>The password is kept only as the Digest's HA1 ({@code MD5(user:realm:password)}) and as the Basic credentials'
 * SHA-256, never in logs or {@link #toString()}. Immutable apart from the clock; thread-safe.
 */
final class RtspAuth {

    /** The realm of the challenges. */
    static final String REALM = "fosc-bridge";
    /** How long after it was issued a nonce may start an authentication. */
    static final Duration NONCE_VALIDITY = Duration.ofSeconds(60);

    /** What {@link #check} found. */
    enum Result {
        /** Right credentials. */
        OK,
        /** No Authorization header, or one of a scheme other than Basic and Digest. */
        MISSING,
        /** Wrong user name or password, a nonce this bridge did not make, or a malformed header. */
        WRONG,
        /** Right credentials on a nonce older than {@link #NONCE_VALIDITY}. */
        STALE
    }

    private static final HexFormat HEX = HexFormat.of();
    private static final int NONCE_MAC_BYTES = 16;

    private final String username;
    private final String realm;
    private final String ha1;
    private final byte[] basicHash;
    private final SecretKeySpec nonceKey;
    private final LongSupplier clockMillis;

    RtspAuth(String username, String password) {
        this(username, password, REALM, System::currentTimeMillis);
    }

    RtspAuth(String username, String password, String realm, LongSupplier clockMillis) {
        this.username = username;
        this.realm = realm;
        this.ha1 = md5Hex(username + ":" + realm + ":" + password);
        this.basicHash = sha256((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.nonceKey = new SecretKeySpec(key, "HmacSHA256");
        this.clockMillis = clockMillis;
    }

    /** The user name viewers authenticate as. */
    String username() {
        return username;
    }

    /**
     * The {@code WWW-Authenticate} values of a 401, strongest first: Digest with a fresh nonce (and {@code stale=true}
     * when {@code stale}), then Basic.
     */
    List<String> challenges(boolean stale) {
        String digest = "Digest realm=\"" + realm + "\", nonce=\"" + nonce(clockMillis.getAsLong())
                + "\", algorithm=MD5" + (stale ? ", stale=true" : "");
        return List.of(digest, "Basic realm=\"" + realm + "\"");
    }

    /**
     * Checks a request's {@code Authorization} header.
     *
     * @param method the request's method, as sent ({@code DESCRIBE}); part of the Digest
     * @param authorization the header's value, or {@code null}
     * @return what the header proves
     */
    Result check(String method, String authorization) {
        if (authorization == null) {
            return Result.MISSING;
        }
        String value = authorization.strip();
        int space = value.indexOf(' ');
        String scheme = (space < 0 ? value : value.substring(0, space)).toLowerCase(Locale.ROOT);
        String rest = space < 0 ? "" : value.substring(space + 1).strip();
        return switch (scheme) {
            case "basic" -> basic(rest);
            case "digest" -> digest(method, rest);
            default -> Result.MISSING;
        };
    }

    private Result basic(String encoded) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            return Result.WRONG;
        }
        return MessageDigest.isEqual(sha256(decoded), basicHash) ? Result.OK : Result.WRONG;
    }

    private Result digest(String method, String header) {
        Map<String, String> p = parameters(header);
        String nonce = p.get("nonce");
        String uri = p.get("uri");
        String response = p.get("response");
        String algorithm = p.getOrDefault("algorithm", "MD5");
        String qop = p.get("qop");
        if (nonce == null || uri == null || response == null || !"MD5".equalsIgnoreCase(algorithm)
                || !username.equals(p.get("username")) || !realm.equals(p.get("realm"))
                || (qop != null && !"auth".equalsIgnoreCase(qop))) {
            return Result.WRONG;
        }
        long issued = nonceTime(nonce);
        if (issued < 0) {
            return Result.WRONG;
        }
        String expected = digestResponse(ha1, nonce, method, uri, qop, p.get("nc"), p.get("cnonce"));
        if (expected == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                response.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            return Result.WRONG;
        }
        long age = clockMillis.getAsLong() - issued;
        return age >= 0 && age <= NONCE_VALIDITY.toMillis() ? Result.OK : Result.STALE;
    }

    /**
     * The Digest {@code response} (RFC 2617 §3.2.2.1): {@code MD5(HA1:nonce:HA2)}, or with {@code qop=auth}
     * {@code MD5(HA1:nonce:nc:cnonce:qop:HA2)}, where {@code HA2 = MD5(method:uri)}; {@code null} when
     * {@code qop} is given without {@code nc} or {@code cnonce}.
     */
    static String digestResponse(String ha1, String nonce, String method, String uri, String qop, String nc,
                                 String cnonce) {
        String ha2 = md5Hex(method + ":" + uri);
        if (qop == null) {
            return md5Hex(ha1 + ":" + nonce + ":" + ha2);
        }
        if (nc == null || cnonce == null) {
            return null;
        }
        return md5Hex(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
    }

    /** A nonce issued at {@code millis}: its time in hex, then the first 16 bytes of its HMAC, in hex. */
    String nonce(long millis) {
        String time = Long.toHexString(millis);
        return time + HEX.formatHex(mac(time));
    }

    /** The issue time of a nonce this object made; -1 for any other string. */
    private long nonceTime(String nonce) {
        int timeLength = nonce.length() - 2 * NONCE_MAC_BYTES;
        if (timeLength < 1 || timeLength > 16) {
            return -1;
        }
        String time = nonce.substring(0, timeLength);
        byte[] given;
        try {
            given = HEX.parseHex(nonce.substring(timeLength));
        } catch (IllegalArgumentException e) {
            return -1;
        }
        if (!MessageDigest.isEqual(mac(time), given)) {
            return -1;
        }
        try {
            return Long.parseLong(time, 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private byte[] mac(String time) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(nonceKey);
            byte[] full = mac.doFinal(time.getBytes(StandardCharsets.US_ASCII));
            byte[] out = new byte[NONCE_MAC_BYTES];
            System.arraycopy(full, 0, out, 0, out.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /**
     * The {@code name=value} pairs of a Digest header (values quoted or tokens; names lower-cased); malformed parts
     * are skipped.
     */
    static Map<String, String> parameters(String header) {
        Map<String, String> out = new HashMap<>();
        int i = 0;
        int n = header.length();
        while (i < n) {
            while (i < n && (header.charAt(i) == ',' || Character.isWhitespace(header.charAt(i)))) {
                i++;
            }
            int eq = header.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String name = header.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            i = eq + 1;
            while (i < n && Character.isWhitespace(header.charAt(i))) {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < n && header.charAt(i) == '"') {
                i++;
                while (i < n && header.charAt(i) != '"') {
                    char c = header.charAt(i);
                    if (c == '\\' && i + 1 < n) {
                        c = header.charAt(++i);
                    }
                    value.append(c);
                    i++;
                }
                i++; // the closing quote
            } else {
                while (i < n && header.charAt(i) != ',') {
                    value.append(header.charAt(i++));
                }
            }
            out.put(name, value.toString().strip());
        }
        return out;
    }

    static String md5Hex(String text) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java runtime", e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "RtspAuth[user=" + username + ", realm=" + realm + ", Digest (MD5) and Basic]";
    }
}
