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

/**
 * Message templates with {{placeholders}}: saving, finding and filling them.
 *
 * <p>Filling is checked before anything is built: a template of 13,000 {{a}} with a
 * 900,000-character variable is 11.7 G characters, which took the heap down when the text
 * was built first and measured after. {@link #render} computes the filled length from the
 * placeholder occurrences and refuses above {@link #MAX_TEXT}; a template is refused at save
 * when it has more placeholders than a send may fill ({@link #MAX_VARIABLES}).
 */
public final class TemplateService {
    /** WhatsApp's longest text message, in characters (the send tools' maxLength). */
    public static final int MAX_TEXT = 65536;
    /** How many variables a send may pass (the tools' "variables" maxProperties). */
    public static final int MAX_VARIABLES = 100;
    /**
     * {{name}}, {{ name }}; names are letters of any script (año, имя, 名前), combining marks,
     * digits and _, not starting with a digit.
     */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([\\p{L}_][\\p{L}\\p{M}\\p{N}_]*)\\s*}}");
    /** Whatever a person would take for a placeholder: {{...}} with no brace inside. */
    private static final Pattern BRACED = Pattern.compile("\\{\\{([^{}]{0,200})}}");

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

    /**
     * Fills every placeholder. Refused, naming them, when a placeholder has no variable or a
     * variable has no placeholder, and when the filled text would exceed {@link #MAX_TEXT}
     * (measured before it is built).
     */
    public static String render(Template template, Map<String, String> variables) {
        List<String> missing = template.placeholders().stream().filter(p -> !variables.containsKey(p)).toList();
        List<String> unknown = variables.keySet().stream().filter(v -> !template.placeholders().contains(v)).toList();
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            StringBuilder why = new StringBuilder("The variables do not match template '" + template.name() + "', which uses "
                    + template.placeholders() + ":");
            if (!missing.isEmpty()) {
                why.append(" missing ").append(missing);
            }
            if (!unknown.isEmpty()) {
                why.append(missing.isEmpty() ? "" : ";").append(" not in the template ").append(unknown);
            }
            throw new UserError(why + ". Pass exactly one variable per placeholder, e.g. {\""
                    + (missing.isEmpty() ? template.placeholders().isEmpty() ? "" : template.placeholders().get(0) : missing.get(0))
                    + "\": \"...\"}; nothing was sent");
        }
        long length = filledLength(template.body(), variables);
        if (length > MAX_TEXT) {
            throw new UserError("The filled template '" + template.name() + "' would be " + length + " characters; WhatsApp allows "
                    + MAX_TEXT + ". Shorten the variables (or the template); nothing was sent");
        }
        Matcher m = PLACEHOLDER.matcher(template.body());
        StringBuilder sb = new StringBuilder((int) length);
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(variables.get(m.group(1))));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** The length the filled text will have, without building it (a long: it may be billions). */
    static long filledLength(String body, Map<String, String> variables) {
        long length = body.length();
        Matcher m = PLACEHOLDER.matcher(body);
        while (m.find()) {
            length += variables.get(m.group(1)).length() - (long) (m.end() - m.start());
        }
        return length;
    }

    /** Creates, or replaces the body and category of the template with this name. */
    public Template save(String name, String category, String body, Instant now) {
        if (body == null || body.isBlank()) {
            throw new UserError("A template needs a non-empty body");
        }
        requireFillable(body);
        return of(templates.save(name, category, body, now));
    }

    /**
     * Refuses a body whose {{...}} would reach the customer as braces (a name the placeholder
     * syntax does not take) or that needs more variables than a send may pass.
     */
    static void requireFillable(String body) {
        Matcher braced = BRACED.matcher(body);
        while (braced.find()) {
            if (!PLACEHOLDER.matcher(braced.group()).matches()) {
                throw new UserError("'" + braced.group() + "' is not a placeholder: a name is letters (any language), digits and _,"
                        + " not starting with a digit, e.g. {{first_name}} or {{año}}; the customer would receive the braces");
            }
        }
        List<String> names = placeholders(body);
        if (names.size() > MAX_VARIABLES) {
            throw new UserError("The template has " + names.size() + " different placeholders; a send can fill at most "
                    + MAX_VARIABLES + " (the variables limit)");
        }
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
