package dev.fosc.cli.common;

/**
 * The exit codes of every {@code fosc} command, in one place for the code, {@code --help} and the README.
 * Constants only.
 */
public final class ExitCodes {

    /** Done: the command did what it was asked (for the whole duration, where it has one). */
    public static final int OK = 0;
    /** The output could not be written (a full disk, a file that cannot be created mid-run). */
    public static final int IO = 1;
    /** Usage or configuration error: a bad option, a bad cameras file, a password file that cannot be read. */
    public static final int USAGE = 2;
    /** The camera refused the login; exactly one attempt was made, none was retried. */
    public static final int LOGIN_REFUSED = 3;
    /** The camera cannot be reached, or it broke the protocol or refused a request (before or after login). */
    public static final int CAMERA = 4;
    /** Ended by SIGINT (Ctrl-C) after the files were finished: 128 + 2. */
    public static final int SIGINT = 130;
    /** Ended by SIGTERM after the files were finished: 128 + 15. */
    public static final int SIGTERM = 143;

    /** The list for picocli's {@code exitCodeList} of commands that talk to a camera. */
    public static final String[] CAMERA_COMMAND_LIST = {
        "0:done",
        "1:the output could not be written",
        "2:usage or configuration error",
        "3:login refused (no second attempt was made)",
        "4:cannot connect, protocol error, or a request refused",
        "130:stopped by Ctrl-C (SIGINT), files finished",
        "143:stopped by SIGTERM, files finished"};

    private ExitCodes() {
    }
}
