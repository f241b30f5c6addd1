package dev.wabridge.daemon.templates;

import dev.wabridge.daemon.errors.UserError;
import dev.wabridge.daemon.store.TemplateRepository;
import dev.wabridge.daemon.store.TemplateRow;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Message templates with {{placeholders}}: saving, finding and filling them. */
public final class TemplateService {
    /** {{name}}, {{ name }}; names are letters, digits and _ (not starting with a digit). */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

    private final TemplateRepository templates;

    public record Template(long id, String name, String category, String body, List<String> placeholders, String createdAt, String updatedAt) {
    }

    public TemplateService(TemplateRepository templates) {
        this.templates = templates;
    }

    public static List<String> placeholders(String body) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(body);
        while (m.find()) {
            names.add(m.group(1));
        }
        return List.copyOf(names);
    }

    /** Fills every placeholder; a missing variable is an error naming all that are missing. */
    public static String render(Template template, Map<String, String> variables) {
        List<String> missing = template.placeholders().stream().filter(p -> !variables.containsKey(p)).toList();
        if (!missing.isEmpty()) {
            throw new UserError("Template '" + template.name() + "' needs variables " + missing + " (it uses "
                    + template.placeholders() + "); pass them in \"variables\", e.g. {\"" + missing.get(0) + "\": \"...\"}");
        }
        Matcher m = PLACEHOLDER.matcher(template.body());
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(variables.get(m.group(1))));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Creates, or replaces the body and category of the template with this name. */
    public Template save(String name, String category, String body, Instant now) {
        if (body == null || body.isBlank()) {
            throw new UserError("A template needs a non-empty body");
        }
        return of(templates.save(name, category, body, now));
    }

    public Optional<Template> find(String name) {
        return templates.find(name).map(TemplateService::of);
    }

    public Template require(String name) {
        return find(name).orElseThrow(() -> new UserError("No template named '" + name + "'; list_whatsapp_templates shows the saved ones"));
    }

    /** By name; a null category means all. */
    public List<Template> list(String category) {
        return templates.list(category).stream().map(TemplateService::of).toList();
    }

    public boolean delete(String name) {
        return templates.delete(name);
    }

    private static Template of(TemplateRow row) {
        return new Template(row.id(), row.name(), row.category(), row.body(), placeholders(row.body()), row.createdAt(), row.updatedAt());
    }
}
