package dev.fosc.cli.common;

import dev.fosc.client.FoscLoginRefusedException;
import dev.fosc.client.FoscLoginInfo;
import dev.fosc.client.FoscSession;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for a camera command's steps (login, VIDEO_ON, a talk...) and turns their failures into
 * {@link CliException}s with the right exit code: a refused login is {@value ExitCodes#LOGIN_REFUSED} and says
 * that no second attempt was made; anything else from the camera is {@value ExitCodes#CAMERA}, with the client's
 * message as it is and, for a refusal that looks like the wrong model, the profile to try. Stateless.
 */
public final class CameraConnect {

    private CameraConnect() {
    }

    /** Logs {@code session} in (its target already checked to resolve); the login info. */
    public static FoscLoginInfo login(FoscSession session, CameraTarget target) {
        return await(session.connect(), target, "logging in");
    }

    /**
     * The result of {@code step}, waiting at most the session's connect and request timeouts plus 5 s.
     *
     * @param what what the step does, for the timeout message ("turning video on")
     */
    public static <T> T await(CompletableFuture<T> step, CameraTarget target, String what) {
        long millis = 15_000;
        try {
            return step.get(millis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failure(e.getCause(), target);
        } catch (TimeoutException e) {
            throw new CliException(ExitCodes.CAMERA, "no answer from " + target.hostPort() + " within " + millis
                    + " ms while " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.CAMERA, "interrupted while " + what, e);
        }
    }

    /** The {@link CliException} for a failure of a session step. */
    public static CliException failure(Throwable cause, CameraTarget target) {
        Throwable c = ErrorText.unwrap(cause);
        if (c instanceof CliException) {
            return (CliException) c;
        }
        if (c instanceof FoscLoginRefusedException) {
            return new CliException(ExitCodes.LOGIN_REFUSED, "login refused by " + target.hostPort() + " for user '"
                    + target.user() + "' (" + reason((FoscLoginRefusedException) c)
                    + "); no second attempt was made", c);
        }
        return new CliException(ErrorText.exitCode(c), ErrorText.describe(c)
                + WrongModelHint.forFailure(c, target.profile()), c);
    }

    /** The login refusal's reason in words. */
    public static String reason(FoscLoginRefusedException e) {
        switch (e.result()) {
            case 2: return "access denied";
            case 3: return "too many users";
            default: return "bad user or password";
        }
    }
}
