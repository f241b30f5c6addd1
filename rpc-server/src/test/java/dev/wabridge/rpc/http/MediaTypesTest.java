package dev.wabridge.rpc.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MediaTypesTest {
    @Test
    void acceptMatching() {
        assertTrue(MediaTypes.accepts(null, MediaTypes.JSON));
        assertTrue(MediaTypes.accepts("*/*", MediaTypes.EVENT_STREAM));
        assertTrue(MediaTypes.accepts("application/*", MediaTypes.JSON));
        assertTrue(MediaTypes.accepts("text/event-stream, application/json", MediaTypes.JSON));
        assertTrue(MediaTypes.accepts("Application/JSON; charset=utf-8", MediaTypes.JSON));
        assertFalse(MediaTypes.accepts("text/html", MediaTypes.JSON));
        assertFalse(MediaTypes.accepts("application/json;q=0", MediaTypes.JSON));
        assertFalse(MediaTypes.accepts("application/json", MediaTypes.EVENT_STREAM));
    }

    @Test
    void contentTypeIgnoresParameters() {
        assertTrue(MediaTypes.is("application/json; charset=utf-8", MediaTypes.JSON));
        assertFalse(MediaTypes.is("application/jsonx", MediaTypes.JSON));
        assertFalse(MediaTypes.is(null, MediaTypes.JSON));
    }
}
