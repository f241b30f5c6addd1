package dev.wabridge.daemon.store;

/** A message template as stored; its placeholders are the template service's business. */
public record TemplateRow(long id, String name, String category, String body, String createdAt, String updatedAt) {
}
