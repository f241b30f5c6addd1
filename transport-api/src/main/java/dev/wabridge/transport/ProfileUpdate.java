package dev.wabridge.transport;

/** Profile fields to change; null means "leave as it is". */
public record ProfileUpdate(String name, String about, String businessDescription) {
}
