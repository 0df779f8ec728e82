package dev.fosc.client;

/**
 * The camera refused the login as rate-limited: "too many users" (result 3), or a bad-credentials refusal of
 * credentials it accepted earlier in the same session (cameras refuse logins that come back to back exactly as
 * they refuse a wrong password; see {@link FoscReconnectPolicy#maxRefusedRelogins()}). Unlike
 * {@link FoscAuthenticationException} for bad credentials, this is retried, after
 * {@link FoscReconnectPolicy#rateLimitedDelay()}; it reaches the application as the cause of the
 * {@link FoscSessionState#RECONNECTING} state change.
 */
public final class FoscLoginRateLimitedException extends FoscAuthenticationException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public FoscLoginRateLimitedException(String message, int result) {
        super(message, result);
    }
}
