package dev.wabridge.rpc.resources;

/** One entry of resources/list. {@code title} and {@code description} may be null. */
public record ResourceDescriptor(String uri, String name, String title, String description, String mimeType) {
}
