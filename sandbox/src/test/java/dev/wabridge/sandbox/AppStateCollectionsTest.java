package dev.wabridge.sandbox;

import com.google.protobuf.ByteString;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.crypto.Curve25519;
import dev.wabridge.wire.proto.SyncdPatch;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server's app-state collections: patches numbered on arrival, accepted only on the latest
 * version (else a conflict), served after a version in pages, per account, and every other
 * device of the account told with a server_sync notification.
 */
class AppStateCollectionsTest {
    private final SandboxServer server = SandboxServer.create();
    private final Jid companion = Jid.phone("34600000001").withDevice(1);
    private final Jid second = Jid.phone("34600000001").withDevice(2);

    private static final class Inbox implements Endpoint {
        final List<Node> got = new ArrayList<>();

        @Override
        public void push(Node stanza) {
            got.add(stanza);
        }
    }

    AppStateCollectionsTest() {
        server.accounts.put("34600000001", new Account("+34600000001", Curve25519.generate(), "934600000001", new AtomicInteger(3)));
        server.devices.put("c1", new Device(companion, Jid.user("934600000001", Jid.LID_SERVER).withDevice(1), new byte[32], new byte[32]));
        server.devices.put("c2", new Device(second, Jid.user("934600000001", Jid.LID_SERVER).withDevice(2), new byte[32], new byte[32]));
    }

    private static SyncdPatch patch(int n) {
        return SyncdPatch.newBuilder().setPatchMac(ByteString.copyFrom(new byte[]{(byte) n})).build();
    }

    @Test
    void patchesAreNumberedAndAConflictIsRefused() {
        AppStateCollections c = server.appState();
        assertEquals(OptionalLong.of(1), c.append(companion, "regular_low", 0, patch(1)));
        assertEquals(OptionalLong.of(2), c.append(second, "regular_low", 1, patch(2)));
        assertEquals(OptionalLong.empty(), c.append(companion, "regular_low", 1, patch(3)), "built on v1 while the server is at v2");
        assertEquals(OptionalLong.empty(), c.append(companion, "regular_low", 5, patch(3)), "ahead of the server");
        AppStateCollections.Page page = c.after(companion, "regular_low", 1);
        assertEquals(2, page.version());
        assertEquals(1, page.patches().size());
        assertEquals(2, page.patches().get(0).getVersion().getVersion());
        assertEquals(patch(2).getPatchMac(), page.patches().get(0).getPatchMac());
        assertTrue(c.after(companion, "regular", 0).patches().isEmpty(), "collections are separate");
        assertTrue(c.after(Jid.phone("34600000002"), "regular_low", 0).patches().isEmpty(), "accounts are separate");
    }

    @Test
    void pagesEndWithHasMore() {
        AppStateCollections c = server.appState();
        for (int i = 0; i < AppStateCollections.PAGE + 3; i++) {
            c.append(companion, "regular_low", i, patch(i));
        }
        AppStateCollections.Page first = c.after(companion, "regular_low", 0);
        assertEquals(AppStateCollections.PAGE, first.patches().size());
        assertTrue(first.hasMore());
        assertEquals(AppStateCollections.PAGE, first.version());
        AppStateCollections.Page rest = c.after(companion, "regular_low", first.version());
        assertEquals(3, rest.patches().size());
        assertFalse(rest.hasMore());
        Node answer = AppStateCollections.collection("regular_low", first, null);
        assertEquals("true", answer.attr("has_more_patches"));
        assertEquals(AppStateCollections.PAGE, answer.child("patches").orElseThrow().children("patch").size());
    }

    @Test
    void theAccountsOtherDevicesHearOfAChange() {
        Inbox sender = new Inbox();
        Inbox other = new Inbox();
        Inbox phone = new Inbox();
        server.router().online(companion.toString(), sender);
        server.router().online(second.toString(), other);
        server.router().online("34600000001@s.whatsapp.net", phone);
        server.appState().append(companion, "regular_low", 0, patch(1));
        assertEquals(1, sender.got.size(), "only the login's offline marker");
        for (Inbox i : List.of(other, phone)) {
            Node n = i.got.get(1);
            assertEquals("notification", n.tag());
            assertEquals("server_sync", n.attr("type"));
            assertEquals(Jid.SERVER, n.attrs().get("from"));
            Node collection = n.child("collection").orElseThrow();
            assertEquals("regular_low", collection.attr("name"));
            assertEquals("1", collection.attr("version"));
        }
    }
}
