package dev.wabridge.wire.routing;

import dev.wabridge.wire.binary.Node;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pins which handler {@link NodeRouter} picks: by tag; for {@code <iq>} by type, xmlns and first
 * child with the most specific route winning; answers to our requests to the response handler;
 * the rest to the fallback. Every feature's entry point hangs off these rules, and a wrong
 * precedence would send a stanza silently to the wrong feature (or to none).
 */
class NodeRouterTest {
    private final List<String> calls = new ArrayList<>();
    private final NodeRouter router = new NodeRouter().otherwise(n -> calls.add("fallback"));

    private NodeHandler record(String name) {
        return n -> calls.add(name);
    }

    private static Node iq(String type, String xmlns, String... children) {
        Map<String, Object> attrs = Node.attrs("id", "1", "type", type, "from", "s.whatsapp.net");
        if (xmlns != null) {
            attrs.put("xmlns", xmlns);
        }
        List<Node> kids = new ArrayList<>();
        for (String c : children) {
            kids.add(Node.of(c));
        }
        return Node.of("iq", attrs, kids.isEmpty() ? null : kids);
    }

    private String routeOne(Node node) {
        calls.clear();
        router.route(node);
        assertEquals(1, calls.size(), "exactly one handler per node");
        return calls.get(0);
    }

    @Test
    void aNodeGoesToTheHandlerOfItsTag() {
        router.onTag("success", record("success")).onTag("failure", record("failure"));
        assertTrue(router.route(Node.of("failure", Node.attrs("reason", "401"))));
        assertEquals(List.of("failure"), calls);
        assertEquals("success", routeOne(Node.of("success")));
    }

    @Test
    void anIqGoesToTheRouteOfItsTypeXmlnsAndFirstChild() {
        router.onIq("set", "md", "pair-device", record("set md pair-device"))
                .onIq("get", "md", "pair-device", record("get md pair-device"))
                .onIq("set", "md", "pair-success", record("set md pair-success"));
        assertEquals("set md pair-success", routeOne(iq("set", "md", "pair-success")));
        assertEquals("get md pair-device", routeOne(iq("get", "md", "pair-device")));
        assertEquals("set md pair-device", routeOne(iq("set", "md", "pair-device")));
    }

    @Test
    void theMostSpecificIqRouteWins() {
        router.onIq("set", "md", "pair-device", record("exact"))
                .onIq("set", null, "pair-device", record("any xmlns"))
                .onIq("set", "md", null, record("any child"));
        assertEquals("exact", routeOne(iq("set", "md", "pair-device")));
        assertEquals("any xmlns", routeOne(iq("set", "other", "pair-device")));
        assertEquals("any xmlns", routeOne(iq("set", null, "pair-device")));
        assertEquals("any child", routeOne(iq("set", "md", "something-else")));
        assertEquals("fallback", routeOne(iq("set", "other", "something-else")));
    }

    @Test
    void aRouteOpenOnXmlnsAndChildTakesEveryIqOfItsTypeLast() {
        router.onIq("get", null, null, record("any get")).onIq("get", "w:p", null, record("ping"));
        assertEquals("ping", routeOne(iq("get", "w:p", "ping")));
        assertEquals("any get", routeOne(iq("get", "usync", "usync")));
        assertEquals("any get", routeOne(iq("get", null)));
        assertEquals("fallback", routeOne(iq("set", "usync", "usync")), "other types are not caught");
    }

    @Test
    void aChildUnderAnyXmlnsBeatsAnXmlnsWithAnyChild() {
        router.onIq("set", "md", null, record("any child")).onIq("set", null, "pair-success", record("any xmlns"));
        assertEquals("any xmlns", routeOne(iq("set", "md", "pair-success")));
    }

    @Test
    void anIqWithoutChildrenMatchesARouteOpenOnTheChild() {
        router.onIq("get", "urn:xmpp:ping", null, record("ping"));
        assertTrue(router.route(iq("get", "urn:xmpp:ping")));
        assertEquals(List.of("ping"), calls);
    }

    @Test
    void onlyTheFirstChildDecidesTheRoute() {
        router.onIq("set", "md", "second", record("second"));
        assertFalse(router.route(iq("set", "md", "first", "second")));
        assertEquals(List.of("fallback"), calls);
    }

    @Test
    void answersToOurRequestsGoToTheResponseHandler() {
        router.onResponse(record("response")).onIq("result", null, "pair-device", record("iq route"));
        assertEquals("response", routeOne(iq("result", null, "pair-device")));
        assertEquals("response", routeOne(iq("error", "md", "error")));
        assertEquals("response", routeOne(iq("result", null)));
    }

    @Test
    void anUnmatchedNodeGoesToTheFallbackAndRouteReturnsFalse() {
        router.onTag("success", record("success")).onIq("set", "md", "pair-device", record("pair"));
        assertFalse(router.route(Node.of("presence")));
        assertFalse(router.route(iq("get", "md", "pair-device")));
        assertEquals(List.of("fallback", "fallback"), calls);
    }

    @Test
    void withoutAFallbackAnUnmatchedNodeIsDroppedQuietly() {
        assertFalse(new NodeRouter().route(Node.of("presence")));
    }

    @Test
    void aSecondHandlerForOneRouteIsRefused() {
        router.onTag("success", record("a")).onIq("set", "md", "pair-device", record("b")).onIq("set", null, "pair-device", record("c"));
        assertThrows(IllegalStateException.class, () -> router.onTag("success", record("again")));
        assertThrows(IllegalStateException.class, () -> router.onIq("set", "md", "pair-device", record("again")));
        assertThrows(IllegalStateException.class, () -> router.onIq("set", null, "pair-device", record("again")));
        router.onIq("get", "md", "pair-device", record("another type is another route"));
    }

    @Test
    void iqStanzasCannotBeRoutedByTag() {
        assertThrows(IllegalArgumentException.class, () -> router.onTag("iq", record("iq")));
    }
}
