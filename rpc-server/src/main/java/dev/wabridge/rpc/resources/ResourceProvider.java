package dev.wabridge.rpc.resources;

import dev.wabridge.rpc.auth.Principal;

import java.util.List;
import java.util.Optional;

/**
 * The resources an MCP server offers, supplied by the application (the daemon offers each
 * linked number's message log and conversations). rpc-server knows only URIs and text; the
 * provider decides what exists and which caller may read it, so scopes stay the daemon's.
 */
public interface ResourceProvider {
    /** A server without resources: lists are empty and every read is "not found". */
    ResourceProvider NONE = new ResourceProvider() {
        @Override
        public List<ResourceDescriptor> list(Principal principal) {
            return List.of();
        }

        @Override
        public List<ResourceTemplateDescriptor> templates(Principal principal) {
            return List.of();
        }

        @Override
        public Optional<ResourceContents> read(String uri, Principal principal) {
            return Optional.empty();
        }
    };

    /** The concrete resources this caller may read, in a stable order. */
    List<ResourceDescriptor> list(Principal principal);

    /** URI templates (RFC 6570) for resources that are not listed one by one. */
    List<ResourceTemplateDescriptor> templates(Principal principal);

    /** The resource's current contents; empty when it does not exist or the caller may not read it. */
    Optional<ResourceContents> read(String uri, Principal principal);

    /**
     * Whether the caller may subscribe to updates of this URI: it must name something the caller
     * could read. The default reads it; a provider may answer more cheaply.
     */
    default boolean readable(String uri, Principal principal) {
        return read(uri, principal).isPresent();
    }
}
