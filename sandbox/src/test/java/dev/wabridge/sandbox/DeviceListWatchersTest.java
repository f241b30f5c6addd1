package dev.wabridge.sandbox;

import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.crypto.Curve25519;
import dev.wabridge.wire.routing.ParticipantHash;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A device that fetched an account's device list hears when a companion links to or unlinks
 * from that account ({@code <notification type="devices">} with {@code <add>}/{@code <remove>},
 * the device, and the new list's hashes), nobody else does, a muted sandbox tells no one; and
 * the server's {@code phash} of a 1:1 message covers every device of both accounts.
 */
class DeviceListWatchersTest {
    private final SandboxServer server = SandboxServer.create();
    private final Account bob = new Account("+34600000002", Curve25519.generate(), "934600000002", new AtomicInteger(2));
    private final String watcher = "34600000001:1@s.whatsapp.net";
    private final Inbox watching = new Inbox();
    private final Inbox bystander = new Inbox();

    private static final class Inbox implements Endpoint {
        final List<Node> got = new ArrayList<>();

        @Override
        public void push(Node stanza) {
            got.add(stanza);
        }

        List<Node> notifications() {
            return got.stream().filter(n -> n.tag().equals("notification")).toList();
        }
    }

    DeviceListWatchersTest() {
        server.accounts.put("34600000001", new Account("+34600000001", Curve25519.generate(), "934600000001", new AtomicInteger(2)));
        server.accounts.put("34600000002", bob);
        server.devices.put("a1", new Device(Jid.parse(watcher), Jid.parse("934600000001:1@lid"), new byte[]{1}, new byte[32]));
        server.devices.put("b1", new Device(Jid.parse("34600000002:1@s.whatsapp.net"), Jid.parse("934600000002:1@lid"), new byte[]{2},
                new byte[32]));
        server.router().online(watcher, watching);
        server.router().online("34600000003:1@s.whatsapp.net", bystander);
        server.deviceWatchers().fetched(watcher, bob);
    }

    private Device bobsSecondCompanion() {
        return new Device(Jid.parse("34600000002:2@s.whatsapp.net"), Jid.parse("934600000002:2@lid"), new byte[]{3}, new byte[32]);
    }

    @Test
    void aWatcherHearsOfALinkedAndAnUnlinkedDevice() {
        Device second = bobsSecondCompanion();
        server.register(second);
        Node added = watching.notifications().get(0);
        assertEquals(Jid.phone("34600000002"), added.attrs().get("from"));
        assertEquals(Jid.user("934600000002", Jid.LID_SERVER), added.attrs().get("lid"));
        assertEquals("devices", added.attr("type"));
        Node add = added.child("add").orElseThrow();
        assertEquals(ParticipantHash.of(List.of(Jid.parse("34600000002@s.whatsapp.net"), Jid.parse("34600000002:1@s.whatsapp.net"),
                Jid.parse("34600000002:2@s.whatsapp.net"))), add.attr("device_hash"));
        assertEquals(ParticipantHash.of(List.of(Jid.parse("934600000002@lid"), Jid.parse("934600000002:1@lid"),
                Jid.parse("934600000002:2@lid"))), add.attr("device_lid_hash"));
        assertEquals(second.jid(), add.child("device").orElseThrow().attrs().get("jid"));
        assertEquals(Jid.parse("934600000002:2@lid"), add.child("device").orElseThrow().attrs().get("lid"));
        assertTrue(add.child("key-index-list").isPresent());

        server.unlink(second);
        Node remove = watching.notifications().get(1).child("remove").orElseThrow();
        assertEquals(ParticipantHash.of(List.of(Jid.parse("34600000002@s.whatsapp.net"), Jid.parse("34600000002:1@s.whatsapp.net"))),
                remove.attr("device_hash"));
        assertEquals(List.of(), bystander.notifications(), "only devices that fetched the list are told");
    }

    @Test
    void aMutedSandboxTellsNoOne() {
        server.muteDeviceNotifications(true);
        server.register(bobsSecondCompanion());
        assertEquals(List.of(), watching.notifications());
    }

    @Test
    void anUnlinkedWatcherIsToldNothingMore() {
        server.unlink(server.devices.get("a1"));
        server.register(bobsSecondCompanion());
        assertEquals(List.of(), watching.notifications());
    }

    @Test
    void theServersPhashCoversEveryDeviceOfBothAccounts() {
        String phash = server.directory().participantHash(Jid.parse(watcher), Jid.phone("34600000002"));
        assertEquals(ParticipantHash.of(List.of(Jid.parse("34600000002@s.whatsapp.net"), Jid.parse("34600000002:1@s.whatsapp.net"),
                Jid.parse("34600000001@s.whatsapp.net"), Jid.parse("34600000001:1@s.whatsapp.net"))), phash);
    }
}
