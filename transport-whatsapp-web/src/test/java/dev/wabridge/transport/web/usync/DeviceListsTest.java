package dev.wabridge.transport.web.usync;

import dev.wabridge.transport.web.services.FakeSessionServices;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Device lists come from the cache when it has them: the first look-up asks usync for every
 * user, the second none, and after one user's list was dropped only that user is asked.
 */
class DeviceListsTest {
    private final FakeSessionServices session = new FakeSessionServices();
    private final DeviceCache cache = new DeviceCache(session.clock());
    private final DeviceLists lists = new DeviceLists(session, cache);
    private final Jid bob = Jid.phone("34600000002");
    private final Jid us = Jid.phone("34600000001");

    private static Node user(Jid jid, int... devices) {
        List<Node> ids = java.util.Arrays.stream(devices).mapToObj(d -> Node.of("device", Node.attrs("id", Integer.toString(d)))).toList();
        return Node.of("user", Node.attrs("jid", jid), List.of(Node.of("devices", Map.of(), List.of(Node.of("device-list", Map.of(), ids)))));
    }

    private void answer(Node... users) {
        FakeSessionServices.Request usync = session.requests().get(session.requests().size() - 1);
        assertEquals("usync", usync.xmlns());
        usync.answer().complete(Node.of("iq", Node.attrs("type", "result"),
                List.of(Node.of("usync", Map.of(), List.of(Node.of("list", Map.of(), List.of(users)))))));
    }

    private List<String> askedFor(int request) {
        Node usync = session.requests().get(request).children().get(0);
        return usync.child("list").orElseThrow().children("user").stream().map(u -> u.attr("jid")).toList();
    }

    @Test
    void aSecondLookUpAsksNoUsync() {
        var first = lists.devices(List.of(bob, us));
        answer(user(bob, 0, 1), user(us, 0, 2));
        assertEquals(List.of(bob, bob.withDevice(1)), first.resultNow().get(bob).devices());
        assertEquals(1, session.requests().size());

        var second = lists.devices(List.of(bob, us));
        assertEquals(1, session.requests().size(), "both lists were cached");
        assertEquals(List.of(us, us.withDevice(2)), second.resultNow().get(us).devices());

        cache.forget(bob);
        var third = lists.devices(List.of(bob, us));
        assertEquals(List.of("34600000002@s.whatsapp.net"), askedFor(1), "only the dropped user is asked");
        answer(user(bob, 0, 1, 3));
        assertEquals(3, third.resultNow().get(bob).devices().size());
        assertEquals(2, third.resultNow().get(us).devices().size());
    }
}
