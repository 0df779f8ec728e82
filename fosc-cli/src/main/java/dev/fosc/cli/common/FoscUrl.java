package dev.fosc.cli.common;

import dev.fosc.client.FoscSessionOptions;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code fosc://USER:PASSWORD@HOST[:PORT]} (port 88 by default; {@code [v6]} addresses in brackets).
 * Percent-encoding ({@code %3A}) is decoded in the user and the password; {@code ${VAR}} anywhere in the user,
 * password or host is replaced by the environment variable's value, verbatim (not decoded). Messages never contain
 * the password. Stateless; thread-safe.
 */
public final class FoscUrl {

    /** The URL scheme. */
    public static final String SCHEME = "fosc://";

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private FoscUrl() {
    }

    /** What a URL names. */
    public record Parts(String user, String password, String host, int port) {
        @Override
        public String toString() {
            return "Parts[user=" + user + ", password=***, host=" + host + ", port=" + port + "]";
        }
    }

    /**
     * Parses {@code url}.
     *
     * @throws IllegalArgumentException with a message that names the problem, never the password
     */
    public static Parts parse(String url, Map<String, String> env) {
        if (!url.startsWith(SCHEME)) {
            throw new IllegalArgumentException("not a fosc:// URL (expected fosc://user:password@host[:port])");
        }
        String rest = url.substring(SCHEME.length());
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        int at = rest.lastIndexOf('@');
        if (at < 0) {
            throw new IllegalArgumentException("no user and password in the URL (expected"
                    + " fosc://user:password@host[:port])");
        }
        String userInfo = rest.substring(0, at);
        String hostPort = rest.substring(at + 1);
        int colon = userInfo.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("no password in the URL (expected fosc://user:password@host[:port];"
                    + " write ${VARIABLE} to take it from the environment)");
        }
        String user = expand(userInfo.substring(0, colon), env, true, "user");
        String password = expand(userInfo.substring(colon + 1), env, true, "password");
        if (user.isEmpty()) {
            throw new IllegalArgumentException("the user in the URL is empty");
        }
        String host;
        String port = null;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unclosed '[' in the URL's host");
            }
            host = hostPort.substring(1, close);
            String after = hostPort.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw new IllegalArgumentException("unexpected text after the URL's host: '" + after + "'");
                }
                port = after.substring(1);
            }
        } else {
            int c = hostPort.lastIndexOf(':');
            host = c < 0 ? hostPort : hostPort.substring(0, c);
            port = c < 0 ? null : hostPort.substring(c + 1);
        }
        host = expand(host, env, false, "host");
        if (host.isEmpty() || host.contains("/") || host.contains("?") || host.contains("#")) {
            throw new IllegalArgumentException("the URL's host is empty or followed by a path: '" + host + "'");
        }
        int p = FoscSessionOptions.DEFAULT_PORT;
        if (port != null) {
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                p = -1;
            }
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException("the URL's port is not a number from 1 to 65535: '" + port + "'");
            }
        }
        return new Parts(user, password, host, p);
    }

    /** {@code text} with variables replaced and, when {@code decode}, the literal parts percent-decoded. */
    private static String expand(String text, Map<String, String> env, boolean decode, String what) {
        StringBuilder out = new StringBuilder();
        Matcher m = VARIABLE.matcher(text);
        int last = 0;
        while (m.find()) {
            out.append(literal(text.substring(last, m.start()), decode, what));
            String value = env.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("the environment variable " + m.group(1) + " (in the URL's "
                        + what + ") is not set");
            }
            out.append(value);
            last = m.end();
        }
        out.append(literal(text.substring(last), decode, what));
        return out.toString();
    }

    private static String literal(String s, boolean decode, String what) {
        if (s.contains("${")) {
            throw new IllegalArgumentException("a '${' in the URL's " + what + " that is not a ${VARIABLE}");
        }
        if (!decode || s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0
                        || Character.digit(s.charAt(i + 2), 16) < 0) {
                    throw new IllegalArgumentException("a '%' in the URL's " + what + " that is not followed by two"
                            + " hex digits (write %25 for '%')");
                }
                bytes.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
