package dev.wabridge.daemon.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void tokenCreatePrintsTheTokenAloneOnTheLastLine() {
        String data = dir.resolve("d").toString();
        Run r = run("token", "create", "ci-bot", "--scopes", "read,send", "--data-dir", data);
        assertEquals(0, r.code(), r.err());
        String last = r.lines().get(r.lines().size() - 1);
        assertTrue(last.matches("wab_[A-Za-z0-9_-]{43}"), last);

        Run list = run("token", "list", "--data-dir", data);
        assertTrue(list.out().contains("ci-bot"));
        assertTrue(list.out().contains("read,send"));
        assertFalse(list.out().contains(last), "list never shows the token");

        Run dup = run("token", "create", "ci-bot", "--data-dir", data);
        assertEquals(1, dup.code());
        assertTrue(dup.err().contains("already exists"), dup.err());

        assertEquals(0, run("token", "revoke", "ci-bot", "--data-dir", data).code());
        assertFalse(run("token", "list", "--data-dir", data).out().contains("ci-bot"));
        assertTrue(run("token", "list", "--all", "--data-dir", data).out().contains("revoked"));
        assertEquals(1, run("token", "revoke", "ci-bot", "--data-dir", data).code());
    }

    @Test
    void badScopesAndNamesAreExplained() {
        String data = dir.resolve("d").toString();
        Run r = run("token", "create", "x", "--scopes", "read,root", "--data-dir", data);
        assertEquals(1, r.code());
        assertTrue(r.err().contains("unknown scope 'root'"), r.err());
        r = run("token", "create", "bad name!", "--data-dir", data);
        assertEquals(1, r.code());
        assertTrue(r.err().contains("token name"), r.err());
    }

    @Test
    void creditsAddAndShowWriteLedgerRows() {
        String data = dir.resolve("d").toString();
        Run show = run("credits", "show", "--data-dir", data);
        assertEquals(0, show.code(), show.err());
        assertTrue(show.out().contains("available 100000"), show.out());
        Run add = run("credits", "add", "2500", "--note", "top-up", "--data-dir", data);
        assertEquals(0, add.code(), add.err());
        assertTrue(add.out().contains("102500 available"), add.out());
        assertEquals(1, run("credits", "add", "-5", "--data-dir", data).code());
        assertEquals(1, run("credits", "add", "many", "--data-dir", data).code());
        assertEquals(2, dev.wabridge.daemon.Db.count(dir.resolve("d/wabridge.db"), "SELECT count(*) FROM credit_ledger WHERE kind = 'grant'"));
    }

    /** Issue 11, item 10: run --sandbox with a bad state file stops with the file and the fix, and leaves the directory unlocked. */
    @Test
    void aBadSandboxStateFileStopsRunNamingTheFileAndTheFix() throws Exception {
        Path data = dir.resolve("d");
        Files.createDirectories(data);
        Path state = data.resolve("sandbox-state.json");
        Files.writeString(state, "{}");
        for (int attempt = 0; attempt < 2; attempt++) {
            Run r = run("run", "--sandbox", "--data-dir", data.toString(), "--http-port", "0");
            assertEquals(1, r.code());
            assertTrue(r.err().startsWith("wabridge: the sandbox state file " + state + " is unusable: \"root\" is missing"), r.err());
            assertTrue(r.err().contains("mv " + state + " " + state + ".bad"), r.err());
        }
    }

    @Test
    void usageErrorsExit2() {
        assertEquals(2, run().code());
        assertEquals(2, run("frobnicate").code());
        assertEquals(2, run("run", "--bogus").code());
        assertEquals(2, run("token").code());
        assertEquals(0, run("help").code());
    }

    @Test
    void configErrorsAreClear() throws Exception {
        Path config = dir.resolve("w.properties");
        Files.writeString(config, "mcp.prot = 1\n");
        Run r = run("token", "list", "--config", config.toString(), "--data-dir", dir.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("unknown setting 'mcp.prot'"), r.err());
        Run missing = run("token", "list", "--config", dir.resolve("nope").toString());
        assertTrue(missing.err().contains("config file not found"), missing.err());
    }
}
