package dev.fosc.cli.common;

import dev.fosc.client.FoscLoginRefusedException;
import dev.fosc.client.FoscException;

import java.io.IOException;
import java.net.BindException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns the causes the CLI meets itself (files, ports, host names) into the few words an operator needs: "no such
 * file", "permission denied", "already in use", "no such host". The client's own exceptions are not translated
 * again: their messages are sentences already and are printed as they are. Stateless; thread-safe.
 */
public final class ErrorText {

    private ErrorText() {
    }

    /** {@code t} without the wrappers of futures ({@link CompletionException}, {@link ExecutionException}). */
    public static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    /**
     * Why a file operation failed, in words: {@code no such file or directory}, {@code permission denied},
     * {@code not a directory}, {@code already exists}, or the operating system's reason.
     */
    public static String fileReason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file of that name already exists";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "the directory is not empty";
        }
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            return lowerFirst(((FileSystemException) e).getReason());
        }
        String m = e.getMessage();
        return m == null ? "input/output error" : lowerFirst(m);
    }

    /** Why listening on {@code port} failed: {@code port 8888 is already in use}, or the reason given. */
    public static String listenReason(Throwable t, int port) {
        Throwable c = unwrap(t);
        for (Throwable x = c; x != null; x = x.getCause()) {
            if (x instanceof BindException) {
                String m = String.valueOf(x.getMessage()).toLowerCase(Locale.ROOT);
                if (m.contains("in use")) {
                    return "port " + port + " is already in use";
                }
                if (m.contains("permission") || m.contains("denied")) {
                    return "permission denied for port " + port;
                }
                if (m.contains("assign")) {
                    return "the address is not one of this machine's";
                }
                return "the port cannot be bound";
            }
        }
        String m = c.getMessage();
        return m == null ? "the port cannot be bound" : m;
    }

    /**
     * Why a TCP connection the CLI opened itself (not the client's) failed: {@code connection refused},
     * {@code no answer (timed out)}, {@code no such host}, {@code no route to host}, or the reason given.
     */
    public static String connectReason(Throwable t) {
        for (Throwable x = unwrap(t); x != null; x = x.getCause()) {
            String m = String.valueOf(x.getMessage()).toLowerCase(Locale.ROOT);
            if (x instanceof UnknownHostException) {
                return "no such host";
            }
            if (m.contains("refused")) {
                return "connection refused";
            }
            if (m.contains("timed out") || m.contains("timeout")) {
                return "no answer (timed out)";
            }
            if (m.contains("no route")) {
                return "no route to host";
            }
            if (m.contains("unreachable")) {
                return "network unreachable";
            }
        }
        String m = unwrap(t).getMessage();
        return m == null ? "the connection failed" : m;
    }

    /**
     * The exit code for a failure: {@link CliException}'s own; {@value ExitCodes#LOGIN_REFUSED} for a refused
     * login; {@value ExitCodes#CAMERA} for other client failures and unknown hosts; {@value ExitCodes#IO} for I/O.
     */
    public static int exitCode(Throwable t) {
        Throwable c = unwrap(t);
        if (c instanceof CliException) {
            return ((CliException) c).exitCode();
        }
        if (c instanceof FoscLoginRefusedException) {
            return ExitCodes.LOGIN_REFUSED;
        }
        if (c instanceof FoscException || c instanceof UnknownHostException) {
            return ExitCodes.CAMERA;
        }
        return ExitCodes.IO;
    }

    /** One sentence for {@code t}: the client's message as it is, the CLI's own causes in words. */
    public static String describe(Throwable t) {
        Throwable c = unwrap(t);
        if (c instanceof CliException || c instanceof FoscException) {
            return String.valueOf(c.getMessage());
        }
        if (c instanceof UnknownHostException) {
            return "cannot resolve '" + c.getMessage() + "': no such host";
        }
        if (c instanceof IOException) {
            return fileReason((IOException) c);
        }
        String m = c.getMessage();
        return m != null ? m : "unexpected failure (run with --verbose for details)";
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
