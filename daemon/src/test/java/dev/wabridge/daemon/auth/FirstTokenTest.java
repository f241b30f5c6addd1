package dev.wabridge.daemon.auth;

import dev.wabridge.daemon.DaemonFixture;
import dev.wabridge.daemon.store.ApiToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 11, item 6: the first admin token is printed only to a terminal, else written to a 0600 file. */
class FirstTokenTest {
    @TempDir
    Path dir;

    private static final TokenService.Created CREATED = new TokenService.Created(
            new ApiToken(1, "default", "wab_abcdef", Set.of("admin"), "2026-01-01T00:00:00Z", null, null, new byte[32]), "wab_" + "s".repeat(43));

    @Test
    void notOnATerminalItGoesToA0600FileAndOnlyThePathIsPrinted() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path file = FirstToken.announce(CREATED, dir, false, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals(dir.resolve(FirstToken.FILE), file);
        assertEquals(CREATED.token() + "\n", Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertFalse(printed.contains(CREATED.token()), printed);
        assertTrue(printed.contains(file.toString()), printed);
    }

    @Test
    void onATerminalItIsPrintedOnceAndNoFileIsWritten() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertNull(FirstToken.announce(CREATED, dir, true, new PrintStream(out, true, StandardCharsets.UTF_8)));
        assertTrue(out.toString(StandardCharsets.UTF_8).lines().anyMatch(CREATED.token()::equals));
        assertFalse(Files.exists(dir.resolve(FirstToken.FILE)));
    }

    @Test
    void aDaemonWhoseStdoutIsNotATerminalNeverPrintsTheToken() throws Exception {
        assertFalse(Terminal.interactive(), "tests run with redirected streams");
        try (DaemonFixture fx = DaemonFixture.start(dir.resolve("data"))) {
            assertTrue(fx.token.startsWith("wab_"));
            assertFalse(fx.output.contains(fx.token), fx.output);
            assertTrue(fx.output.contains(dir.resolve("data").resolve(FirstToken.FILE).toString()), fx.output);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fx.dataDir.resolve(FirstToken.FILE))));
        }
    }
}
