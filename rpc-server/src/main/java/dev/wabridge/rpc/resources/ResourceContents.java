package dev.wabridge.rpc.resources;

/** A text resource as resources/read returns it. */
public record ResourceContents(String uri, String mimeType, String text) {
}
