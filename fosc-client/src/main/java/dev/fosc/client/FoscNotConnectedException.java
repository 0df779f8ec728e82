package dev.fosc.client;

/**
 * A call that needs a logged-in connection ({@code videoOn}, {@code audioOn}, {@code audioOff}) could not wait for
 * one: the session did not log in within {@link FoscSessionOptions#waitTimeout()}, it is
 * {@link FoscSessionState#DISCONNECTED} and will not connect again until {@code connect()} is called, or
 * {@link FoscSessionOptions#maxWaitingCalls()} calls wait already.
 *
 * <p>Only the call's future fails: what it asked for (video on a stream, audio on or off) is kept, and the session
 * applies it after its next login, as it does after every reconnect.
 */
public final class FoscNotConnectedException extends FoscException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the detail message
     */
    public FoscNotConnectedException(String message) {
        super(message);
    }
}
