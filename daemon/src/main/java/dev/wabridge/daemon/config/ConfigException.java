package dev.wabridge.daemon.config;

/** A configuration value is missing or wrong; the message says which and what is allowed. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
