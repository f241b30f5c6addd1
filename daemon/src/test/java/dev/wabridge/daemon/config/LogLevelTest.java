package dev.wabridge.daemon.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** log.level sets the root level at start; WABRIDGE_LOG_LEVEL, when set, wins. */
class LogLevelTest {
    private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    private Level before;

    @BeforeEach
    void remember() {
        before = root.getLevel();
        root.setLevel(Level.INFO);
    }

    @AfterEach
    void restore() {
        root.setLevel(before);
    }

    @Test
    void theSettingSetsTheRootLevel() {
        assertEquals("warn", LogLevel.apply("warn", Map.of()));
        assertEquals(Level.WARN, root.getLevel());
        assertEquals("debug", LogLevel.apply("debug", Map.of(LogLevel.ENV, " ")), "a blank variable is not set");
        assertEquals(Level.DEBUG, root.getLevel());
    }

    @Test
    void theEnvironmentVariableOverridesTheSetting() {
        // logback.xml applied the variable when logging started; the setting must not undo it.
        assertEquals("info", LogLevel.apply("error", Map.of(LogLevel.ENV, "INFO")));
        assertEquals(Level.INFO, root.getLevel());
    }

    @Test
    void theConfigurationAcceptsOnlyKnownLevels() {
        Properties p = new Properties();
        p.setProperty("log.level", "loud");
        ConfigException e = assertThrows(ConfigException.class, () -> DaemonConfig.load(null, p));
        assertEquals("log.level must be one of trace, debug, info, warn, error; got 'loud'", e.getMessage());
        p.setProperty("log.level", "DEBUG");
        assertEquals("debug", DaemonConfig.load(null, p).logLevel());
    }
}
