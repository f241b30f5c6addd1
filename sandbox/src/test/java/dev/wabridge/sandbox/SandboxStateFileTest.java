package dev.wabridge.sandbox;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 11, item 10: a bad sandbox-state.json stops the start naming the file and the fix, for each way it goes bad. */
class SandboxStateFileTest {
    @TempDir
    Path dir;

    private String refusal(String content) throws Exception {
        Path file = dir.resolve("sandbox-state.json");
        Files.writeString(file, content);
        SandboxStateException e = assertThrows(SandboxStateException.class, () -> SandboxServer.persistent(file));
        assertTrue(e.getMessage().contains("the sandbox state file " + file + " is unusable"), e.getMessage());
        assertTrue(e.getMessage().contains("mv " + file + " " + file + ".bad"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void emptyFile() throws Exception {
        assertTrue(refusal("").contains("it is empty"));
    }

    @Test
    void emptyObject() throws Exception {
        assertTrue(refusal("{}").contains("\"root\" is missing"));
    }

    @Test
    void truncatedFile() throws Exception {
        Path good = dir.resolve("good.json");
        SandboxServer.persistent(good);
        String whole = Files.readString(good);
        assertTrue(refusal(whole.substring(0, whole.length() / 2)).contains("not valid JSON, perhaps cut short"));
    }

    @Test
    void badHex() throws Exception {
        Path good = dir.resolve("good.json");
        SandboxServer.persistent(good);
        String whole = Files.readString(good);
        String broken = whole.replaceFirst("\"root\" : \"[0-9a-f]{4}", "\"root\" : \"zzzz");
        assertTrue(refusal(broken).contains("\"root\" is not hex"), broken);
        assertTrue(refusal(whole.replaceFirst("\"static\" : \"[0-9a-f]{4}", "\"static\" : \"")).contains("\"static\" is 62 bytes, not 64"));
    }

    @Test
    void aGoodFileStillLoads() throws Exception {
        Path file = dir.resolve("state.json");
        SandboxServer first = SandboxServer.persistent(file);
        assertEquals(first.rootPublicKeyHex(), SandboxServer.persistent(file).rootPublicKeyHex());
    }
}
