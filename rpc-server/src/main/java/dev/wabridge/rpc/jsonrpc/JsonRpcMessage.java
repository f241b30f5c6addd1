package dev.wabridge.rpc.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One decoded JSON-RPC message from a client: a request (has an id), a notification (no id)
 * or a response to a server-initiated request (has result or error, no method).
 */
public record JsonRpcMessage(Kind kind, JsonNode id, String method, ObjectNode params) {

    public enum Kind { REQUEST, NOTIFICATION, RESPONSE }

    public boolean isRequest() {
        return kind == Kind.REQUEST;
    }
}
