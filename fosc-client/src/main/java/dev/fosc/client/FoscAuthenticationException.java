package dev.fosc.client;

/**
 * The camera refused the credentials ({@link FoscSessionOptions#credentials()}, a
 * {@link dev.fosc.codec.FoscCredentials}): bad user or password (result 1), access denied (result 2), an empty
 * LOGIN_REPLY, or one too malformed to hold a result (then the cause is the codec's
 * {@code FoscMalformedPayloadException}).
 *
 * <ul>
 *   <li>On the <em>first</em> login of a session the refusal is final: the session goes to
 *       {@link FoscSessionState#FAILED} after exactly one attempt, because repeated wrong passwords can lock a
 *       camera.</li>
 *   <li>After the camera accepted these credentials once in the session, a refusal is most likely the camera's
 *       rate limit on logins that come back to back (docs/protocol.md §6), which looks exactly like a bad password: the
 *       session goes to {@link FoscSessionState#CREDENTIALS_SUSPECT} with this exception as the cause and retries
 *       on {@link FoscReconnectPolicy#credentialsSuspectDelays()}; it never fails for it.</li>
 * </ul>
 * A sibling, not a parent, of {@link FoscLoginRateLimitedException}: catching this type does not catch "too many
 * users". Catch {@link FoscLoginRefusedException} for both.
 */
public class FoscAuthenticationException extends FoscLoginRefusedException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was refused (never the password)
     * @param result the LOGIN_REPLY result (-1 for an empty payload)
     */
    public FoscAuthenticationException(String message, int result) {
        super(message, result, null);
    }

    /**
     * @param message what was refused (never the password)
     * @param result the LOGIN_REPLY result (-1 for an empty or malformed payload)
     * @param cause why the reply counts as a refusal
     */
    public FoscAuthenticationException(String message, int result, Throwable cause) {
        super(message, result, cause);
    }
}
