package dev.wabridge.rpc.jsonrpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/**
 * Reads one JSON-RPC 2.0 message from bytes and writes responses. It checks the shape the
 * specification requires and reports a violation with the code the specification assigns:
 * unreadable JSON is -32700, a readable but wrong shape is -32600, and params that are not an
 * object (MCP only uses named params) are -32602.
 *
 * <p>A body is exactly one JSON value: a second object or anything but whitespace after the
 * first is -32700, never "run the first and drop the rest". Text must be Unicode: a string
 * with an unpaired surrogate is refused, naming where it is (see {@link UnpairedSurrogates}).
 */
public final class JsonRpcCodec {
    private final ObjectMapper mapper;
    /** The caller's mapper, strict about what follows the value, without changing the mapper itself. */
    private final ObjectReader reader;

    public JsonRpcCodec(ObjectMapper mapper) {
        this.mapper = mapper;
        this.reader = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public JsonRpcMessage decode(byte[] body) throws JsonRpcException {
        JsonNode root;
        try {
            root = reader.readTree(body);
        } catch (IOException e) {
            throw new JsonRpcException(JsonRpcErrorCode.PARSE_ERROR,
                    "Parse error: the body must be exactly one JSON value (" + shortReason(e) + ")");
        }
        if (root == null || root.isMissingNode()) {
            throw new JsonRpcException(JsonRpcErrorCode.PARSE_ERROR, "Parse error: the body is empty");
        }
        if (root.isArray()) {
            throw new JsonRpcException(JsonRpcErrorCode.INVALID_REQUEST,
                    "Invalid Request: JSON-RPC batches are not supported; send one message per POST");
        }
        if (!root.isObject()) {
            throw new JsonRpcException(JsonRpcErrorCode.INVALID_REQUEST,
                    "Invalid Request: a JSON-RPC message must be a JSON object");
        }
        JsonNode id = root.get("id");
        JsonNode validId = id != null && (id.isTextual() || id.isIntegralNumber()) ? id : null;
        JsonNode version = root.get("jsonrpc");
        if (version == null || !version.isTextual() || !"2.0".equals(version.asText())) {
            throw new JsonRpcException(JsonRpcErrorCode.INVALID_REQUEST,
                    "Invalid Request: \"jsonrpc\" must be the string \"2.0\"", validId);
        }
        JsonNode method = root.get("method");
        if (method == null) {
            if (root.has("result") || root.has("error")) {
                return new JsonRpcMessage(JsonRpcMessage.Kind.RESPONSE, id, null, null);
            }
            throw new JsonRpcException(JsonRpcErrorCode.INVALID_REQUEST,
                    "Invalid Request: \"method\" is missing", validId);
        }
        if (!method.isTextual() || method.asText().isEmpty()) {
            throw new JsonRpcException(JsonRpcErrorCode.INVALID_REQUEST,
                    "Invalid Request: \"method\" must be a non-empty string", validId);
        }
        if (id != null && validId == null) {
            // MCP narrows JSON-RPC: an id is a string or an integer, never null.
            throw new JsonRpcException(JsonRpcErrorCode.INVALID_REQUEST,
                    "Invalid Request: \"id\" must be a string or an integer");
        }
        JsonNode params = root.get("params");
        ObjectNode paramsObject;
        if (params == null || params.isNull()) {
            paramsObject = JsonNodeFactory.instance.objectNode();
        } else if (params.isObject()) {
            paramsObject = (ObjectNode) params;
        } else {
            throw new JsonRpcException(JsonRpcErrorCode.INVALID_PARAMS,
                    "Invalid params: \"params\" must be an object", validId);
        }
        requireUnicode(method, paramsObject, validId);
        JsonRpcMessage.Kind kind = id == null ? JsonRpcMessage.Kind.NOTIFICATION : JsonRpcMessage.Kind.REQUEST;
        return new JsonRpcMessage(kind, validId, method.asText(), paramsObject);
    }

    /** The method name and every string and field name in params must be valid Unicode. */
    private static void requireUnicode(JsonNode method, ObjectNode params, JsonNode id) throws JsonRpcException {
        var inMethod = UnpairedSurrogates.find(method, "method");
        if (inMethod.isPresent()) {
            throw new JsonRpcException(JsonRpcErrorCode.INVALID_REQUEST, "Invalid Request: " + inMethod.get().describe(), id);
        }
        var inParams = UnpairedSurrogates.find(params, "params");
        if (inParams.isPresent()) {
            throw new JsonRpcException(JsonRpcErrorCode.INVALID_PARAMS, "Invalid params: " + inParams.get().describe()
                    + "; text must be valid Unicode (send the character itself, or both halves of its surrogate pair)", id);
        }
    }

    public ObjectNode result(JsonNode id, JsonNode result) {
        ObjectNode response = envelope(id);
        response.set("result", result);
        return response;
    }

    public ObjectNode error(JsonRpcException e) {
        ObjectNode response = envelope(e.id());
        ObjectNode error = response.putObject("error");
        error.put("code", e.code().code());
        error.put("message", e.getMessage());
        if (e.data() != null) {
            error.set("data", e.data());
        }
        return response;
    }

    public ObjectNode notification(String method, ObjectNode params) {
        ObjectNode n = mapper.createObjectNode();
        n.put("jsonrpc", "2.0");
        n.put("method", method);
        n.set("params", params);
        return n;
    }

    public byte[] encode(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JsonNode tree always serializes", e);
        }
    }

    private ObjectNode envelope(JsonNode id) {
        ObjectNode response = mapper.createObjectNode();
        response.put("jsonrpc", "2.0");
        response.set("id", id == null ? JsonNodeFactory.instance.nullNode() : id);
        return response;
    }

    private static String shortReason(IOException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl > 0 ? m.substring(0, nl) : m;
    }
}
