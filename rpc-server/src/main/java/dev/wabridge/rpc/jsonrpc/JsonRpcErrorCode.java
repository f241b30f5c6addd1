package dev.wabridge.rpc.jsonrpc;

/**
 * The error codes JSON-RPC 2.0 reserves (https://www.jsonrpc.org/specification#error_object),
 * and the MCP-defined ones this server answers with.
 */
public enum JsonRpcErrorCode {
    PARSE_ERROR(-32700),
    INVALID_REQUEST(-32600),
    METHOD_NOT_FOUND(-32601),
    INVALID_PARAMS(-32602),
    INTERNAL_ERROR(-32603),
    /** MCP 2025-11-25 and earlier: resources/read or subscribe named an unknown resource. */
    RESOURCE_NOT_FOUND(-32002);

    private final int code;

    JsonRpcErrorCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
