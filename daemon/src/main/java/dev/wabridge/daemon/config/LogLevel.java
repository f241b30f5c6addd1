package dev.wabridge.daemon.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The root log level from the {@code log.level} setting. logback.xml reads the environment
 * variable {@value #ENV} when logging starts, before any configuration is loaded; this
 * applies the setting afterwards, unless that variable is set: the environment overrides the
 * file, so one run can be made verbose without editing the configuration.
 */
public final class LogLevel {
    static final String ENV = "WABRIDGE_LOG_LEVEL";
    static final Set<String> NAMES = Set.of("trace", "debug", "info", "warn", "error");

    private LogLevel() {
    }

    /**
     * Sets the root level to {@code configured} unless {@code env} has {@value #ENV}; returns
     * the root level now in effect.
     */
    public static String apply(String configured, Map<String, String> env) {
        if (!(LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof Logger root)) {
            return configured; // another SLF4J backend (an embedding application's): its own configuration rules
        }
        String fromEnv = env.get(ENV);
        if (fromEnv == null || fromEnv.isBlank()) {
            root.setLevel(Level.toLevel(configured.toUpperCase(Locale.ROOT), Level.INFO));
        }
        return root.getLevel().toString().toLowerCase(Locale.ROOT);
    }
}
