package dev.fosc.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the hand-written golden vectors under {@code src/test/resources/golden}. The notation keeps them
 * readable and lets each file check its own layout against docs/protocol.md:
 * <ul>
 *   <li>{@code # ...} a comment to the end of the line;</li>
 *   <li>{@code 4f} one byte in hex; {@code 00*28} the byte repeated 28 times;</li>
 *   <li>{@code "text"} the ASCII bytes of the text ({@code \r}, {@code \n}, {@code \\}, {@code \"} escapes);
 *       {@code "text"/64} the text zero-padded to 64 bytes (a {@code str64} field);</li>
 *   <li>{@code |} marks the start of a payload: later offsets count from here;</li>
 *   <li>{@code @129} asserts that exactly 129 bytes were written since the last {@code |} — so a file fails
 *       to load if a field does not sit at its documented offset.</li>
 * </ul>
 * Not our encoder: this only turns the written-out bytes into an array.
 */
final class FoscHex {

    private FoscHex() {
    }

    /** Loads {@code golden/<name>} from the test classpath. */
    static byte[] resource(String name) {
        String path = "golden/" + name;
        try (InputStream in = FoscHex.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] parse(String text, String source) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int mark = 0;
        int i = 0;
        int line = 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '|') {
                mark = out.size();
                i++;
            } else if (c == '@') {
                int start = ++i;
                while (i < text.length() && Character.isDigit(text.charAt(i))) {
                    i++;
                }
                int expected = Integer.parseInt(text.substring(start, i));
                int actual = out.size() - mark;
                if (actual != expected) {
                    throw new IllegalStateException(source + ":" + line + ": offset check @" + expected
                            + " but the payload offset is " + actual);
                }
            } else if (c == '"') {
                StringBuilder s = new StringBuilder();
                i++;
                while (text.charAt(i) != '"') {
                    char ch = text.charAt(i++);
                    if (ch == '\\') {
                        char esc = text.charAt(i++);
                        switch (esc) {
                            case 'r': s.append('\r'); break;
                            case 'n': s.append('\n'); break;
                            case '\\': s.append('\\'); break;
                            case '"': s.append('"'); break;
                            default: throw new IllegalStateException(source + ":" + line + ": bad escape \\" + esc);
                        }
                    } else {
                        s.append(ch);
                    }
                }
                i++;
                byte[] bytes = s.toString().getBytes(StandardCharsets.UTF_8);
                int size = bytes.length;
                if (i < text.length() && text.charAt(i) == '/') {
                    int start = ++i;
                    while (i < text.length() && Character.isDigit(text.charAt(i))) {
                        i++;
                    }
                    size = Integer.parseInt(text.substring(start, i));
                    if (size < bytes.length) {
                        throw new IllegalStateException(source + ":" + line + ": \"" + s + "\" exceeds /" + size);
                    }
                }
                out.writeBytes(bytes);
                for (int k = bytes.length; k < size; k++) {
                    out.write(0);
                }
            } else if (isHex(c) && i + 1 < text.length() && isHex(text.charAt(i + 1))) {
                int value = Integer.parseInt(text.substring(i, i + 2), 16);
                i += 2;
                int count = 1;
                if (i < text.length() && text.charAt(i) == '*') {
                    int start = ++i;
                    while (i < text.length() && Character.isDigit(text.charAt(i))) {
                        i++;
                    }
                    count = Integer.parseInt(text.substring(start, i));
                }
                if (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                    throw new IllegalStateException(source + ":" + line + ": a hex byte is two digits");
                }
                for (int k = 0; k < count; k++) {
                    out.write(value);
                }
            } else {
                throw new IllegalStateException(source + ":" + line + ": unexpected '" + c + "'");
            }
        }
        return out.toByteArray();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
