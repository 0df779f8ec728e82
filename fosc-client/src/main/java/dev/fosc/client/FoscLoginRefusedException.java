package dev.fosc.client;

/**
 * The camera refused a login. The common parent of the two kinds, which an application usually handles apart:
 * <ul>
 *   <li>{@link FoscAuthenticationException}: bad user or password, access denied, or a LOGIN_REPLY that does not
 *       say "logged in" (empty or malformed). Final on the first login of a session; after the camera accepted the
 *       credentials once, retried on the credentials-suspect schedule
 *       ({@link FoscSessionState#CREDENTIALS_SUSPECT}).</li>
 *   <li>{@link FoscLoginRateLimitedException}: "too many users"; retried after
 *       {@link FoscReconnectPolicy#rateLimitedDelay()}.</li>
 * </ul>
 * Catch this type to handle every refusal alike; catch a subclass to tell a wrong password from a busy camera.
 * Messages name the camera and the user, never the password. Immutable.
 */
public abstract class FoscLoginRefusedException extends FoscException {
    private static final long serialVersionUID = 1L;

    /** The LOGIN_REPLY result code, serialized with the exception. */
    private final int result;

    /**
     * @param message what was refused (never the password)
     * @param result the LOGIN_REPLY result (-1 for an empty or malformed payload)
     * @param cause why the reply counts as a refusal, or {@code null}
     */
    protected FoscLoginRefusedException(String message, int result, Throwable cause) {
        super(message, cause);
        this.result = result;
    }

    /**
     * {@return the LOGIN_REPLY result code: 1 bad credentials, 2 access denied, 3 too many users, -1 empty or malformed
     * reply}
     */
    public int result() {
        return result;
    }
}
