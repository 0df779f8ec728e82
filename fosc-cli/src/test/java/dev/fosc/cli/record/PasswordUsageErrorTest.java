package dev.fosc.cli.record;

import dev.fosc.cli.FoscCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Usage errors of {@code fosc record} through the real command line never echo a password given with it. */
class PasswordUsageErrorTest {

    @TempDir
    Path tmp;

    private record Run(int exit, String out, String err) {
        void assertHides(String... secrets) {
            for (String secret : secrets) {
                assertFalse(out.contains(secret) || err.contains(secret), "'" + secret + "' leaked:\n" + out + err);
            }
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = FoscCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void aPasswordThatLooksLikeOptionsIsTakenAsThePasswordNotEchoedAsAnError() {
        // was: "Expected parameter for option '--password' but found '-vxq7'"
        Run r = run("record", "--password", "-vxq7");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("missing required option"), "the real usage error is reported: " + r.err());
        r.assertHides("-vxq7");
    }

    @Test
    void anUnquotedPasswordWithASpaceIsNotEchoedAsAnUnmatchedArgument() {
        // was: "Unmatched argument at index 7: 'secret-part'"
        Run r = run("record", "--host", "127.0.0.1", "--out", tmp.toString(), "--password", "my-pw", "secret-part");
        assertEquals(2, r.exit());
        assertTrue(r.err().toLowerCase(java.util.Locale.ROOT).contains("unmatched argument"), r.err());
        assertTrue(r.err().contains("<redacted>"), r.err());
        r.assertHides("my-pw", "secret-part");
    }

    @Test
    void theEqualsFormIsScrubbedToo() {
        Run r = run("record", "--password=pw-in-equals", "--host", "127.0.0.1", "--out", tmp.toString(),
                "pw-in-equals");
        assertEquals(2, r.exit());
        r.assertHides("pw-in-equals");
    }

    @Test
    void otherUsageErrorsAreUnchanged() {
        Run r = run("record", "--host", "127.0.0.1", "--out", tmp.toString(), "--port", "eighty");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("'eighty'"), r.err());
    }
}
