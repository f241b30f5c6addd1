package dev.wabridge.transport.web.client;

import dev.wabridge.transport.web.media.MediaSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The media settings: HTTPS, a minute and 32 MiB unless told otherwise; plain http only when
 * asked for by name, and then only to this machine.
 */
class WebTransportSettingsTest {
    @Test
    void mediaDefaultsToHttps() {
        MediaSettings m = WebTransportSettings.from(Map.of()).media();
        assertEquals("https", m.scheme("127.0.0.1:8080"));
        assertEquals("https", m.scheme("mmg.whatsapp.net"));
        assertEquals(Duration.ofSeconds(60), m.timeout());
        assertEquals(32L << 20, m.maxBytes());
    }

    @Test
    void theSandboxTurnsOnPlainHttp() {
        MediaSettings m = WebTransportSettings.from(Map.of("media_insecure_http", "true", "media_timeout_ms", "5000")).media();
        assertEquals("http", m.scheme("127.0.0.1:41234"));
        assertEquals("http", m.scheme("localhost:41234"));
        assertEquals("http", m.scheme("[::1]:41234"));
        assertEquals("https", m.scheme("mmg.whatsapp.net"), "plain http never leaves this machine");
        assertEquals("https", m.scheme("127.example.com"));
        assertEquals(Duration.ofSeconds(5), m.timeout());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WebTransportSettings.from(Map.of("media_insecure_http", "yes")));
        assertTrue(e.getMessage().contains("must be true or false"), e.getMessage());
    }
}
