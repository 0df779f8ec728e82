package dev.fosc.cli.common;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Picocli's usage errors, short: one line saying what is wrong (with a suggestion when picocli has one) and one
 * hint naming the command's help ({@code fosc record --help}), never the whole usage. Exit code
 * {@value ExitCodes#USAGE}. Any value given to {@code --password} (and, after it, unmatched arguments that may be
 * pieces of an unquoted password) is replaced by {@value #REDACTED}. Stateless; thread-safe.
 */
public final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {

    /** The option whose value usage errors never show. */
    public static final String PASSWORD_OPTION = "--password";
    /** What replaces a password in a message. */
    public static final String REDACTED = "<redacted>";

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        String message = scrub(ex, args);
        List<String> suggestions = ex instanceof CommandLine.UnmatchedArgumentException
                ? ((CommandLine.UnmatchedArgumentException) ex).getSuggestions() : List.of();
        StringBuilder line = new StringBuilder(qualifiedName(cmd)).append(": ").append(lowerFirst(message));
        if (!suggestions.isEmpty()) {
            line.append(" (did you mean ").append(String.join(" or ", suggestions.subList(0,
                    Math.min(3, suggestions.size())))).append("?)");
        }
        err.println(cmd.getColorScheme().errorText(line.toString()));
        err.println("Try '" + qualifiedName(cmd) + " --help' for more information.");
        err.flush();
        return ExitCodes.USAGE;
    }

    /** {@code fosc record}: the command's name with its parents'. */
    public static String qualifiedName(CommandLine cmd) {
        return cmd.getCommandSpec().qualifiedName(" ");
    }

    /** The exception's message with every value given to {@value #PASSWORD_OPTION} replaced. */
    public static String scrub(CommandLine.ParameterException ex, String[] args) {
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals(PASSWORD_OPTION) && i + 1 < args.length) {
                secrets.add(args[i + 1]);
            } else if (a.startsWith(PASSWORD_OPTION + "=")) {
                secrets.add(a.substring(PASSWORD_OPTION.length() + 1));
            }
        }
        String message = String.valueOf(ex.getMessage());
        if (secrets.isEmpty()) {
            return message;
        }
        if (ex instanceof CommandLine.UnmatchedArgumentException) {
            // "--password my secret": 'secret' is a piece of the password
            secrets.addAll(((CommandLine.UnmatchedArgumentException) ex).getUnmatched());
        }
        secrets.removeIf(String::isEmpty);
        secrets.sort(Comparator.comparingInt(String::length).reversed());
        for (String secret : secrets) {
            message = message.replace(secret, REDACTED);
        }
        return message;
    }

    private static String lowerFirst(String s) {
        return s.length() > 1 && Character.isUpperCase(s.charAt(0)) && !Character.isUpperCase(s.charAt(1))
                ? Character.toLowerCase(s.charAt(0)) + s.substring(1) : s;
    }
}
