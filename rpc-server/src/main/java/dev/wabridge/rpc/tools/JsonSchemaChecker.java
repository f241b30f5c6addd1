package dev.wabridge.rpc.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.util.List;

/**
 * A compiled JSON Schema (draft 2020-12, MCP's default dialect) that explains a violation
 * in words a person can act on: which field, which rule.
 */
public final class JsonSchemaChecker {
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    /** At most this many violations are spelled out; the rest are counted. */
    private static final int MAX_REPORTED = 5;

    private final Schema schema;

    public JsonSchemaChecker(JsonNode schemaNode) {
        this.schema = REGISTRY.getSchema(schemaNode);
        this.schema.initializeValidators();
    }

    /** Returns null when {@code value} conforms, else one sentence per violation. */
    public String violations(JsonNode value) {
        List<Error> errors = schema.validate(value);
        if (errors.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(errors.size(), MAX_REPORTED); i++) {
            if (i > 0) {
                sb.append("; ");
            }
            sb.append(describe(errors.get(i)));
        }
        if (errors.size() > MAX_REPORTED) {
            sb.append("; and ").append(errors.size() - MAX_REPORTED).append(" more");
        }
        return sb.toString();
    }

    private static String describe(Error e) {
        String field = fieldName(e);
        String message = e.getMessage();
        // networknt prefixes messages with the instance location ("$.phone: ..."); keep the
        // rule and name the field our own way so it reads the same for every keyword.
        int colon = message.indexOf(": ");
        String rule = colon >= 0 && message.startsWith("$") ? message.substring(colon + 2) : message;
        return field + " (" + e.getKeyword() + "): " + rule;
    }

    private static String fieldName(Error e) {
        if ("required".equals(e.getKeyword()) && e.getProperty() != null) {
            return "argument '" + e.getProperty() + "'";
        }
        if ("additionalProperties".equals(e.getKeyword()) && e.getProperty() != null) {
            return "argument '" + e.getProperty() + "'";
        }
        var path = e.getInstanceLocation();
        if (path == null || path.getNameCount() == 0) {
            return "arguments";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            if (element instanceof Integer index) {
                sb.append('[').append(index).append(']');
            } else {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(element);
            }
        }
        return "argument '" + sb + "'";
    }
}
