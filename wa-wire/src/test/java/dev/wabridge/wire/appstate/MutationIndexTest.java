package dev.wabridge.wire.appstate;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The index JSON: JSON.stringify's bytes for what we write, any JSON array of strings read. */
class MutationIndexTest {
    private static String json(List<String> parts) {
        return new String(MutationIndex.toJson(parts), StandardCharsets.UTF_8);
    }

    @Test
    void writesCompactJsonLikeJsonStringify() {
        assertEquals("[\"archive\",\"34600000001@s.whatsapp.net\"]", json(List.of("archive", "34600000001@s.whatsapp.net")));
        assertEquals("[]", json(List.of()));
        assertEquals("[\"a\\\"b\\\\c\\n\\u0001é\"]", json(List.of("a\"b\\c\n\u0001é")));
    }

    @Test
    void readsWhatItWritesAndOtherSpacing() {
        List<String> parts = List.of("star", "1@s.whatsapp.net", "3EB0AB", "1", "0", "quote\"and\\slash/\t");
        assertEquals(parts, MutationIndex.parse(MutationIndex.toJson(parts)));
        assertEquals(List.of("a", "b/é"), MutationIndex.parse(" [ \"a\" , \"b\\/\\u00e9\" ] ".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of(), MutationIndex.parse("[]".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void refusesWhatIsNotAnArrayOfStrings() {
        for (String bad : List.of("", "{}", "[1]", "[\"a\"", "[\"a\",]", "[\"a\"] x", "[\"\\x\"]", "[\"\\u12\"]", "\"a\"")) {
            assertThrows(IllegalArgumentException.class, () -> MutationIndex.parse(bad.getBytes(StandardCharsets.UTF_8)), bad);
        }
    }
}
