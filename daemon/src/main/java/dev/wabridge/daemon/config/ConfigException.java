package dev.wabridge.daemon.config;

import java.io.Serial;

/** A configuration value is missing or wrong; the message says which and what is allowed. */
public final class ConfigException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
