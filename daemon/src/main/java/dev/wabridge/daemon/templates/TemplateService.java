package dev.wabridge.daemon.templates;

import dev.wabridge.daemon.store.Times;
import dev.wabridge.daemon.service.UserError;
import dev.wabridge.daemon.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Message templates with {{placeholders}}. */
public final class TemplateService {
    /** {{name}}, {{ name }}; names are letters, digits and _ (not starting with a digit). */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

    private final Database db;

    public record Template(long id, String name, String category, String body, List<String> placeholders, String createdAt, String updatedAt) {
    }

    public TemplateService(Database db) {
        this.db = db;
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
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO templates(name, category, body, created_at, updated_at) VALUES (?,?,?,?,?)
                    ON CONFLICT(name) DO UPDATE SET category = excluded.category, body = excluded.body, updated_at = excluded.updated_at""")) {
                ps.setString(1, name);
                ps.setString(2, category);
                ps.setString(3, body);
                ps.setString(4, Times.sql(now));
                ps.setString(5, Times.sql(now));
                ps.executeUpdate();
            }
            return find(c, name).orElseThrow();
        });
    }

    public Optional<Template> find(String name) {
        return db.call(c -> find(c, name));
    }

    public Template require(String name) {
        return find(name).orElseThrow(() -> new UserError("No template named '" + name + "'; list_whatsapp_templates shows the saved ones"));
    }

    public List<Template> list(String category) {
        return db.call(c -> {
            List<Template> out = new ArrayList<>();
            String sql = "SELECT id, name, category, body, created_at, updated_at FROM templates"
                    + (category == null ? "" : " WHERE category = ?") + " ORDER BY name";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (category != null) {
                    ps.setString(1, category);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                }
            }
            return out;
        });
    }

    public boolean delete(String name) {
        return db.call(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM templates WHERE name = ?")) {
                ps.setString(1, name);
                return ps.executeUpdate() > 0;
            }
        });
    }

    private static Optional<Template> find(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, name, category, body, created_at, updated_at FROM templates WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static Template read(ResultSet rs) throws SQLException {
        String body = rs.getString(4);
        return new Template(rs.getLong(1), rs.getString(2), rs.getString(3), body, placeholders(body), rs.getString(5), rs.getString(6));
    }
}
