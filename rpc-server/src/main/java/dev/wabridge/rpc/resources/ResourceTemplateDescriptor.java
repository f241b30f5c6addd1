package dev.wabridge.rpc.resources;

/** One entry of resources/templates/list: an RFC 6570 URI template. */
public record ResourceTemplateDescriptor(String uriTemplate, String name, String title, String description, String mimeType) {
}
