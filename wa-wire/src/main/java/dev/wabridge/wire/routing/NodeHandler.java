package dev.wabridge.wire.routing;

import dev.wabridge.wire.binary.Node;

/** Handles one kind of incoming node (a feature's entry point, as whatsmeow's nodeHandlers). */
@FunctionalInterface
public interface NodeHandler {
    void handle(Node node);
}
