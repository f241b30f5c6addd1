package dev.wabridge.daemon.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 11, item 6: mcp-stdio takes --token-file, prefers $WABRIDGE_TOKEN over --token, and warns on --token. */
class StdioTokenTest {
    @TempDir
    Path dir;
    final List<String> warnings = new ArrayList<>();

    @Test
    void tokenFileFirst() throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, "\n  wab_fromfile  \n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertEquals("wab_fromfile", StdioToken.resolve(file.toString(), null, "wab_env", warnings::add));
        assertTrue(warnings.isEmpty(), warnings.toString());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals("wab_fromfile", StdioToken.resolve(file.toString(), "wab_arg", null, warnings::add));
        assertTrue(warnings.stream().anyMatch(w -> w.contains("readable by other users")), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("--token is ignored")), warnings.toString());
    }

    @Test
    void aMissingOrEmptyTokenFileIsAnError() throws Exception {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StdioToken.resolve(dir.resolve("nope").toString(), null, null,
                warnings::add)).getMessage().contains("cannot read --token-file"));
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StdioToken.resolve(empty.toString(), null, null,
                warnings::add)).getMessage().contains("is empty"));
    }

    @Test
    void theEnvironmentWinsOverTheArgument() {
        assertEquals("wab_env", StdioToken.resolve(null, "wab_arg", "wab_env", warnings::add));
        assertTrue(warnings.get(0).contains("--token is ignored"), warnings.toString());
    }

    @Test
    void theArgumentAloneWorksWithAWarning() {
        assertEquals("wab_arg", StdioToken.resolve(null, "wab_arg", null, warnings::add));
        assertTrue(warnings.get(0).contains("every local user"), warnings.toString());
        warnings.clear();
        assertNull(StdioToken.resolve(null, null, " ", warnings::add));
        assertTrue(warnings.isEmpty());
    }
}
