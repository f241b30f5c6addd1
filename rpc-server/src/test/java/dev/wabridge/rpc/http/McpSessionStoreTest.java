package dev.wabridge.rpc.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wabridge.rpc.auth.Principal;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11, item 3: a session keeps a bounded copy of clientInfo, one token cannot hold more
 * than its share, and ten tokens cannot fill the table for everyone else.
 */
class McpSessionStoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Each reading is a millisecond later, so "least recently used" is never a tie. */
    static final class TickingClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public synchronized Instant instant() {
            now = now.plusMillis(1);
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final McpSessionStore store = new McpSessionStore(Duration.ofHours(1), 1000, new TickingClock());

    private McpSession open(String token) {
        return open(store, token, JSON.createObjectNode().put("name", "c").put("version", "1"));
    }

    private static McpSession open(McpSessionStore store, String token, JsonNode clientInfo) {
        return store.create("2025-11-25", clientInfo, new Principal("p", Set.of("read")), token).orElseThrow();
    }

    @Test
    void aMegabyteClientInfoIsKeptAsAShortNameAndVersion() {
        ObjectNode info = JSON.createObjectNode().put("name", "n".repeat(1 << 20)).put("version", "v".repeat(1 << 20));
        info.putArray("junk").add("x".repeat(1 << 20));
        McpSession s = open(store, "wab_a", info);
        assertEquals(McpSession.MAX_CLIENT_NAME, s.clientInfo().name().length());
        assertEquals(McpSession.MAX_CLIENT_VERSION, s.clientInfo().version().length());
        assertEquals("Claude", open(store, "wab_a", JSON.createObjectNode().put("name", "Claude")).clientInfo().name());
        assertNull(open(store, "wab_a", JSON.getNodeFactory().textNode("not an object")).clientInfo().name());
        assertNull(open(store, "wab_a", null).clientInfo().version());
    }

    @Test
    void oneTokenKeepsOnlyItsNewestSessions() {
        List<McpSession> opened = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            opened.add(open("wab_greedy"));
        }
        int limit = store.perTokenLimit();
        assertEquals(32, limit);
        assertEquals(limit, store.all().size());
        assertTrue(store.find(opened.get(0).id()).isEmpty(), "the oldest went first");
        assertTrue(store.find(opened.get(99).id()).isPresent(), "the newest stays");
        // a session in use is not the least recently used one
        McpSession inUse = opened.get(100 - limit);
        store.find(inUse.id());
        open("wab_greedy");
        assertTrue(store.find(inUse.id()).isPresent(), "touched sessions survive; the idle oldest goes");
    }

    @Test
    void tenTokensCannotFillTheTableForEveryoneElse() {
        for (int t = 0; t < 10; t++) {
            for (int i = 0; i < 100; i++) {
                open("wab_attacker" + t);
            }
        }
        assertTrue(store.all().size() <= 10 * store.perTokenLimit(), "at most their share: " + store.all().size());
        assertTrue(store.create("2025-11-25", null, new Principal("other", Set.of("read")), "wab_other").isPresent());
    }

    @Test
    void aFullTableMakesRoomFromTheLargestHolder() {
        McpSessionStore small = new McpSessionStore(Duration.ofHours(1), 20, new TickingClock());
        assertEquals(2, small.perTokenLimit());
        List<McpSession> first = new ArrayList<>();
        for (int t = 0; t < 10; t++) {
            first.add(open(small, "wab_t" + t, null));
            open(small, "wab_t" + t, null);
        }
        assertEquals(20, small.all().size());
        McpSession newcomer = open(small, "wab_new", null);
        assertEquals(20, small.all().size());
        assertTrue(small.find(newcomer.id()).isPresent());
        assertTrue(small.find(first.get(0).id()).isEmpty(), "the least recently used session of a largest holder made room");
    }
}
