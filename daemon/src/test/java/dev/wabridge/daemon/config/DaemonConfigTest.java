package dev.wabridge.daemon.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DaemonConfigTest {
    private static DaemonConfig with(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return DaemonConfig.load(null, p);
    }

    @Test
    void defaultsAreLoopbackWithSocketInDataDir() {
        DaemonConfig c = with("data_dir", "/tmp/x");
        assertEquals("127.0.0.1", c.mcpHost());
        assertEquals(7480, c.mcpPort());
        assertEquals(Path.of("/tmp/x/wabridge.sock"), c.unixSocket());
        assertEquals(Path.of("/tmp/x/wabridge.db"), c.databaseFile());
        assertEquals(1 << 20, c.maxBodyBytes());
        assertEquals(DaemonConfig.AuthMode.TOKEN, c.authMode());
        assertTrue(c.allowedOrigins().isEmpty());
    }

    @Test
    void socketCanBeTurnedOffOrMoved() {
        assertNull(with("mcp.unix_socket", "off").unixSocket());
        assertEquals(Path.of("/run/wabridge/mcp.sock"), with("mcp.unix_socket", "/run/wabridge/mcp.sock").unixSocket());
    }

    @Test
    void badValuesAreRefusedWithTheRule() {
        ConfigException e = assertThrows(ConfigException.class, () -> with("mcp.port", "http"));
        assertTrue(e.getMessage().contains("mcp.port must be a whole number from -1 to 65535"), e.getMessage());
        assertThrows(ConfigException.class, () -> with("mcp.port", "70000"));
        assertThrows(ConfigException.class, () -> with("mcp.auth", "maybe"));
        assertThrows(ConfigException.class, () -> with("colour", "blue"));
    }

    @Test
    void authNoneOnlyOnLoopback() {
        assertEquals(DaemonConfig.AuthMode.NONE, with("mcp.auth", "none").authMode());
        ConfigException e = assertThrows(ConfigException.class, () -> with("mcp.auth", "none", "mcp.host", "0.0.0.0"));
        assertTrue(e.getMessage().contains("loopback"));
    }
}
