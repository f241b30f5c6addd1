package dev.wabridge.rpc.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A failure that is answered with a JSON-RPC error object. {@code id} is the request id when
 * it could be read, else null (JSON-RPC answers an unreadable request with id null).
 */
public final class JsonRpcException extends Exception {
    private final JsonRpcErrorCode code;
    private final transient JsonNode id;
    /** The error object's optional "data" member, or null. */
    private final transient JsonNode data;

    public JsonRpcException(JsonRpcErrorCode code, String message, JsonNode id) {
        this(code, message, id, null);
    }

    public JsonRpcException(JsonRpcErrorCode code, String message, JsonNode id, JsonNode data) {
        super(message, null, false, false);
        this.code = code;
        this.id = id;
        this.data = data;
    }

    public JsonRpcException(JsonRpcErrorCode code, String message) {
        this(code, message, null);
    }

    public JsonRpcErrorCode code() {
        return code;
    }

    public JsonNode id() {
        return id;
    }

    public JsonNode data() {
        return data;
    }

    public JsonRpcException withId(JsonNode newId) {
        return new JsonRpcException(code, getMessage(), newId, data);
    }
}
