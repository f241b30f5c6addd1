package dev.wabridge.transport.web.media;

import dev.wabridge.transport.web.services.FakeSessionServices;
import dev.wabridge.wire.binary.Node;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The media_conn query: its shape, the answer read in the server's order, and kept until its ttl. */
class MediaConnectionTest {
    private final FakeSessionServices session = new FakeSessionServices();
    private final MediaConnection connection = new MediaConnection(session);

    private static Node answer(String ttl, String... hosts) {
        return Node.of("iq", Node.attrs("type", "result"), List.of(Node.of("media_conn",
                Node.attrs("auth", "AUTH", "ttl", ttl, "auth_ttl", "21600", "max_buckets", "12"),
                List.of(hosts).stream().map(h -> Node.of("host", Node.attrs("hostname", h))).toList())));
    }

    @Test
    void asksOnceAndKeepsTheHostsUntilTheirTtl() throws Exception {
        CompletableFuture<MediaConnection.Hosts> first = connection.hosts();
        assertSame(first, connection.hosts(), "a second caller shares the request on its way");
        assertEquals(1, session.requests().size());
        FakeSessionServices.Request r = session.requests().get(0);
        assertEquals("set", r.type());
        assertEquals("w:m", r.xmlns());
        assertEquals(List.of(Node.of("media_conn", Map.of())), r.children());

        r.answer().complete(answer("300", "mmg.whatsapp.net", "media-mad1-1.cdn.whatsapp.net"));
        assertEquals(List.of("mmg.whatsapp.net", "media-mad1-1.cdn.whatsapp.net"), first.get().hostnames());
        assertEquals("AUTH", first.get().auth());

        session.scheduler().advance(Duration.ofSeconds(299));
        connection.hosts();
        assertEquals(1, session.requests().size(), "still good");
        session.scheduler().advance(Duration.ofSeconds(2));
        connection.hosts();
        assertEquals(2, session.requests().size(), "expired: asked again");
    }

    @Test
    void aFailedOrEmptyAnswerIsNotKept() {
        CompletableFuture<MediaConnection.Hosts> first = connection.hosts();
        session.requests().get(0).answer().complete(answer("300"));
        assertTrue(first.isCompletedExceptionally(), "no host");
        connection.hosts();
        assertEquals(2, session.requests().size());
        connection.forget();
        connection.hosts();
        assertEquals(3, session.requests().size());
    }
}
