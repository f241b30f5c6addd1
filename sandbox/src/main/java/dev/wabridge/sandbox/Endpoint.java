package dev.wabridge.sandbox;

import dev.wabridge.wire.binary.Node;

/**
 * Where the sandbox delivers stanzas for one device: a client's connection, or a simulated
 * phone in this process. Called from any thread; an endpoint hands the stanza to whatever
 * thread owns it.
 */
interface Endpoint {
    void push(Node stanza);
}
