package dev.fosc.codec;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A camera user name and password as carried in the {@code str64} fields of several commands.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows the password; neither does any exception
 * this class throws. The password is kept as a {@code String} because the protocol sends it in clear in
 * every command that carries it (docs/protocol.md §1), so zeroing a char array would buy nothing.
 *
 * <p>Decoded credentials never fail these checks: field bytes that are not UTF-8 decode as {@code '?'} (see the
 * package documentation), so a LOGIN whose password was typed in another encoding is read, and refused by a
 * password comparison rather than dropped as malformed.
 */
public final class FoscCredentials {

    /** The largest user or password, in UTF-8 bytes: the size of a {@code str64} field. */
    public static final int MAX_FIELD_BYTES = 64;

    private final String user;
    private final String password;

    private FoscCredentials(String user, String password) {
        this.user = user;
        this.password = password;
    }

    /**
     * Creates credentials.
     *
     * @throws IllegalArgumentException if either value is longer than {@value #MAX_FIELD_BYTES} UTF-8 bytes
     *     or contains a NUL character (the message names the field, never the password)
     * @param user the user
     * @param password the password
     * @return the credentials
     */
    public static FoscCredentials of(String user, String password) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        check("user", user);
        check("password", password);
        return new FoscCredentials(user, password);
    }

    private static void check(String field, String value) {
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_FIELD_BYTES) {
            throw new IllegalArgumentException(field + " is " + bytes + " UTF-8 bytes; the protocol allows at most "
                    + MAX_FIELD_BYTES);
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(field + " contains a NUL character");
        }
    }

    /** {@return the user name} */
    public String user() {
        return user;
    }

    /** {@return the password, in clear: the protocol needs it so} Never log it. */
    public String password() {
        return password;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FoscCredentials)) {
            return false;
        }
        FoscCredentials other = (FoscCredentials) o;
        return user.equals(other.user) && password.equals(other.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(user, password);
    }

    /** Shows the user only: {@code FoscCredentials[user=admin, password=<redacted>]}. */
    @Override
    public String toString() {
        return "FoscCredentials[user=" + user + ", password=<redacted>]";
    }
}
