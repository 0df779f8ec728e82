package dev.fosc.client;

/**
 * The camera refused the login as busy: "too many users" (result 3). Retried after
 * {@link FoscReconnectPolicy#rateLimitedDelay()} plus jitter, on the first login of a session too; it reaches the
 * application as the cause of the {@link FoscSessionState#RECONNECTING} state change (and fails the
 * {@code connect()} future of a first attempt, while the session keeps trying).
 *
 * <p>A sibling of {@link FoscAuthenticationException} (a wrong password), not a kind of it: a {@code catch} for a
 * bad password does not catch this. Both extend {@link FoscLoginRefusedException}.
 */
public final class FoscLoginRateLimitedException extends FoscLoginRefusedException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the detail message
     * @param result the result
     */
    public FoscLoginRateLimitedException(String message, int result) {
        super(message, result, null);
    }
}
