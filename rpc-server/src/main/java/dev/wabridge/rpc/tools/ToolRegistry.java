package dev.wabridge.rpc.tools;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tools the daemon offers, in registration order. Filled once before the server starts
 * and read-only afterwards, so it is shared across threads without locking.
 */
public final class ToolRegistry {
    private final Map<String, RegisteredTool> tools;

    private ToolRegistry(Map<String, RegisteredTool> tools) {
        this.tools = Collections.unmodifiableMap(tools);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<RegisteredTool> find(String name) {
        return Optional.ofNullable(tools.get(name));
    }

    public List<RegisteredTool> all() {
        return List.copyOf(tools.values());
    }

    public int size() {
        return tools.size();
    }

    /** A definition with its schemas compiled once. */
    public record RegisteredTool(ToolDefinition definition, JsonSchemaChecker input, JsonSchemaChecker output) {
    }

    public static final class Builder {
        private final Map<String, RegisteredTool> tools = new LinkedHashMap<>();

        public Builder add(ToolDefinition definition) {
            if (tools.containsKey(definition.name())) {
                throw new IllegalArgumentException("tool registered twice: " + definition.name());
            }
            JsonSchemaChecker output = definition.outputSchema() == null ? null : new JsonSchemaChecker(definition.outputSchema());
            tools.put(definition.name(), new RegisteredTool(definition, new JsonSchemaChecker(definition.inputSchema()), output));
            return this;
        }

        public Builder addAll(List<ToolDefinition> definitions) {
            new ArrayList<>(definitions).forEach(this::add);
            return this;
        }

        public ToolRegistry build() {
            return new ToolRegistry(new LinkedHashMap<>(tools));
        }
    }
}
