package dev.wabridge.daemon.templates;

import dev.wabridge.daemon.errors.UserError;
import dev.wabridge.daemon.store.TemplateRepository;
import dev.wabridge.daemon.store.TemplateRow;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 11, items 1 and 7: filling is measured before it is built; placeholder names in any script; variables must match. */
class TemplateServiceTest {
    /** An in-memory templates table: the rules under test are the service's, not the store's. */
    static final class MemoryTemplates implements TemplateRepository {
        final Map<String, TemplateRow> rows = new TreeMap<>();

        @Override
        public TemplateRow save(String name, String category, String body, Instant now) {
            TemplateRow row = new TemplateRow(rows.size() + 1, name, category, body, now.toString(), now.toString());
            rows.put(name, row);
            return row;
        }

        @Override
        public Optional<TemplateRow> find(String name) {
            return Optional.ofNullable(rows.get(name));
        }

        @Override
        public List<TemplateRow> list(String category) {
            return List.copyOf(rows.values());
        }

        @Override
        public boolean delete(String name) {
            return rows.remove(name) != null;
        }
    }

    private final TemplateService templates = new TemplateService(new MemoryTemplates());
    private final Instant now = Instant.parse("2026-01-01T00:00:00Z");

    private TemplateService.Template template(String body) {
        return new TemplateService.Template(1, "t", "general", body, TemplateService.placeholders(body), "", "");
    }

    @Test
    void aHugeExpansionIsRefusedBeforeItIsBuilt() {
        TemplateService.Template t = templates.save("bomb", "general", "{{a}}".repeat(13_000), now);
        Map<String, String> variables = Map.of("a", "x".repeat(900_000));
        long before = usedHeap();
        UserError e = assertThrows(UserError.class, () -> TemplateService.render(t, variables));
        assertTrue(e.getMessage().contains("11700000000 characters"), e.getMessage());
        assertTrue(e.getMessage().contains("65536"), e.getMessage());
        assertTrue(usedHeap() - before < 64L << 20, "nothing of the 11.7 G characters was built");
    }

    @Test
    void aTextAtTheLimitIsFilled() {
        TemplateService.Template t = template("{{a}}{{a}}!!");
        assertEquals(65536, TemplateService.render(t, Map.of("a", "y".repeat(32_767))).length());
        assertThrows(UserError.class, () -> TemplateService.render(t, Map.of("a", "y".repeat(32_768))));
    }

    @Test
    void moreDifferentPlaceholdersThanASendMayFillAreRefusedAtSave() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i <= TemplateService.MAX_VARIABLES; i++) {
            body.append("{{v").append(i).append("}} ");
        }
        UserError e = assertThrows(UserError.class, () -> templates.save("wide", "general", body.toString(), now));
        assertTrue(e.getMessage().contains("101 different placeholders"), e.getMessage());
        templates.save("ok", "general", body.substring(0, body.lastIndexOf("{{")), now); // 100 is fine
    }

    @Test
    void placeholderNamesTakeLettersOfAnyScript() {
        TemplateService.Template saved = templates.save("es", "general", "Hola {{año}}, {{ имя }} y {{名前}} {{cafe\u0301}}", now);
        assertEquals(List.of("año", "имя", "名前", "cafe\u0301"), saved.placeholders());
        Map<String, String> v = new LinkedHashMap<>();
        v.put("año", "2026");
        v.put("имя", "Аня");
        v.put("名前", "花子");
        v.put("cafe\u0301", "sí");
        assertEquals("Hola 2026, Аня y 花子 sí", TemplateService.render(saved, v));
    }

    @Test
    void bracesThatAreNotAPlaceholderAreRefusedAtSave() {
        UserError e = assertThrows(UserError.class, () -> templates.save("x", "general", "Hi {{first name}}!", now));
        assertTrue(e.getMessage().contains("'{{first name}}' is not a placeholder"), e.getMessage());
        assertThrows(UserError.class, () -> templates.save("x", "general", "Hi {{1st}}!", now));
        assertThrows(UserError.class, () -> templates.save("x", "general", "Hi {{}}!", now));
        templates.save("x", "general", "A single {brace} or }} alone is text", now);
    }

    @Test
    void variablesMustMatchThePlaceholdersExactly() {
        TemplateService.Template t = template("Hi {{name}}, order {{order}}");
        UserError unknown = assertThrows(UserError.class, () -> TemplateService.render(t, Map.of("name", "Ana", "order", "1", "ordr", "2")));
        assertTrue(unknown.getMessage().contains("not in the template [ordr]"), unknown.getMessage());
        UserError both = assertThrows(UserError.class, () -> TemplateService.render(t, Map.of("name", "Ana", "ordr", "2")));
        assertTrue(both.getMessage().contains("missing [order]") && both.getMessage().contains("[ordr]"), both.getMessage());
        assertThrows(UserError.class, () -> TemplateService.render(template("No placeholders"), Map.of("a", "1")));
        assertEquals("Hi Ana, order 1", TemplateService.render(t, Map.of("name", "Ana", "order", "1")));
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
