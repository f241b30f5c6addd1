package dev.wabridge.daemon.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The templates table; a template is identified by its name. */
public interface TemplateRepository {
    /** Creates, or replaces the category and body of the template with this name; returns it as stored. */
    TemplateRow save(String name, String category, String body, Instant now);

    Optional<TemplateRow> find(String name);

    /** By name; a null category means all. */
    List<TemplateRow> list(String category);

    boolean delete(String name);
}
