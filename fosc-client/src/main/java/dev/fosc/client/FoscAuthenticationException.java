package dev.fosc.client;

/**
 * The camera refused the login: bad user or password, access denied, or an empty LOGIN_REPLY. The session
 * stops ({@link FoscSessionState#FAILED}) and never retries by itself: repeated wrong passwords can lock a
 * camera. {@link FoscLoginRateLimitedException} is the retried kind.
 */
public class FoscAuthenticationException extends FoscException {
    private static final long serialVersionUID = 1L;

    private final int result;

    /**
     * @param message what was refused (never the password)
     * @param result the LOGIN_REPLY result (-1 for an empty payload)
     */
    public FoscAuthenticationException(String message, int result) {
        super(message);
        this.result = result;
    }

    /** The LOGIN_REPLY result code: 1 bad credentials, 2 access denied, 3 too many users, -1 empty reply. */
    public int result() {
        return result;
    }
}
