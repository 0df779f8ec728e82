package dev.fosc.client;

/**
 * The camera refused the login because too many users are logged in or logins came too fast (result 3). Unlike
 * {@link FoscAuthenticationException} for bad credentials, this is retried, after
 * {@link FoscReconnectPolicy#rateLimitedDelay()}.
 */
public final class FoscLoginRateLimitedException extends FoscAuthenticationException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public FoscLoginRateLimitedException(String message, int result) {
        super(message, result);
    }
}
