package dev.wabridge.sandbox;

import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.crypto.Curve25519;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sandbox routes like WhatsApp's servers: a message fans out to each addressed device
 * from the sending device, the sender's own devices get copies naming the chat, the device
 * identity travels only with a pkmsg, an offline device gets its backlog marked offline at
 * login followed by the offline-done marker, and a stanza stays until the device acks it.
 */
class MessageRoutingTest {
    private final SandboxServer server = SandboxServer.create();
    private final Jid alice = Jid.phone("34600000001").withDevice(2);

    /** Records what reached a device. */
    private static final class Inbox implements Endpoint {
        final List<Node> got = new ArrayList<>();

        @Override
        public void push(Node stanza) {
            got.add(stanza);
        }
    }

    MessageRoutingTest() {
        for (String phone : List.of("34600000001", "34600000002")) {
            server.accounts.put(phone, new Account("+" + phone, Curve25519.generate(), "9" + phone, new AtomicInteger(3)));
        }
        server.devices.put("a2", new Device(alice, Jid.user("934600000001", Jid.LID_SERVER).withDevice(2), new byte[32], new byte[32]));
        server.devices.put("b1", new Device(Jid.phone("34600000002").withDevice(1), Jid.user("934600000002", Jid.LID_SERVER).withDevice(1),
                new byte[32], new byte[32]));
    }

    private static Node enc(String type) {
        return Node.of("enc", Node.attrs("v", "2", "type", type), new byte[]{1, 2, 3});
    }

    private static Node to(String jid, String type) {
        return Node.of("to", Node.attrs("jid", Jid.parse(jid)), List.of(enc(type)));
    }

    private Node message(String id, Node... participants) {
        return Node.of("message", Node.attrs("id", id, "to", Jid.phone("34600000002"), "type", "text"), List.of(
                Node.of("participants", Map.of(), List.of(participants)),
                Node.of("device-identity", Map.of(), new byte[]{9})));
    }

    @Test
    void aMessageFansOutToEachAddressedDeviceFromTheSendingDevice() {
        Inbox phone = new Inbox();
        Inbox companion = new Inbox();
        Inbox ownPhone = new Inbox();
        server.router().online("34600000002@s.whatsapp.net", phone);
        server.router().online("34600000002:1@s.whatsapp.net", companion);
        server.router().online("34600000001@s.whatsapp.net", ownPhone);
        server.fanOut().route(alice, message("M1", to("34600000002@s.whatsapp.net", "pkmsg"),
                to("34600000002:1@s.whatsapp.net", "msg"), to("34600000001@s.whatsapp.net", "msg")));

        Node atPhone = phone.got.get(1); // after the login's <ib><offline count="0"/>
        assertEquals("message", atPhone.tag());
        assertEquals(alice, atPhone.attrs().get("from"));
        assertEquals("M1", atPhone.attr("id"));
        assertEquals("text", atPhone.attr("type"));
        assertTrue(atPhone.child("device-identity").isPresent(), "a pkmsg carries the sender's device identity");
        assertNull(atPhone.attr("recipient"));
        Node atCompanion = companion.got.get(1);
        assertFalse(atCompanion.child("device-identity").isPresent(), "a msg does not");
        assertEquals("msg", atCompanion.child("enc").orElseThrow().attr("type"));
        Node atOwnPhone = ownPhone.got.get(1);
        assertEquals(Jid.phone("34600000002"), atOwnPhone.attrs().get("recipient"), "own devices learn the chat");
    }

    @Test
    void anOfflineDeviceGetsItsBacklogAtLoginUntilItAcks() {
        server.fanOut().route(alice, message("M1", to("34600000002:1@s.whatsapp.net", "msg")));
        server.fanOut().route(alice, message("M2", to("34600000002:1@s.whatsapp.net", "msg")));
        assertEquals(2, server.router().waiting("34600000002:1@s.whatsapp.net"));

        Inbox first = new Inbox();
        server.router().online("34600000002:1@s.whatsapp.net", first);
        assertEquals(List.of("M1", "M2"), first.got.subList(0, 2).stream().map(n -> n.attr("id")).toList());
        assertEquals("1", first.got.get(0).attr("offline"));
        Node done = first.got.get(2);
        assertEquals("ib", done.tag());
        assertEquals("2", done.child("offline").orElseThrow().attr("count"));

        assertTrue(server.router().ack("34600000002:1@s.whatsapp.net", "message", "M1", alice.toString()));
        server.router().offline("34600000002:1@s.whatsapp.net", first);
        Inbox again = new Inbox();
        server.router().online("34600000002:1@s.whatsapp.net", again);
        assertEquals(List.of("M2"), again.got.subList(0, 1).stream().map(n -> n.attr("id")).toList(),
                "the unacked one comes again; the acked one does not");
        assertFalse(server.router().ack("34600000002:1@s.whatsapp.net", "message", "M1", alice.toString()), "acked once only");
    }

    @Test
    void anEncAddressedDirectlyGoesToTheOneDeviceNamed() {
        Node toPhone = Node.of("message", Node.attrs("id", "M3", "to", Jid.phone("34600000002"), "type", "text"), List.of(enc("msg")));
        Node toCompanion = Node.of("message", Node.attrs("id", "M4", "to", Jid.parse("34600000002:1@s.whatsapp.net"), "type", "text"),
                List.of(enc("msg")));
        server.fanOut().route(alice, toPhone);
        server.fanOut().route(alice, toCompanion);
        assertEquals(1, server.router().waiting("34600000002@s.whatsapp.net"));
        assertEquals(1, server.router().waiting("34600000002:1@s.whatsapp.net"));
    }

    @Test
    void theDirectoryKnowsAccountsByPhoneAndByLid() {
        assertEquals("+34600000002", server.directory().accountOf(Jid.user("934600000002", Jid.LID_SERVER)).phone());
        assertEquals(List.of(0, 1), server.directory().deviceIds(server.directory().accountOf(Jid.phone("34600000002"))));
        assertNull(server.directory().accountOf(Jid.phone("34999999999")));
        assertEquals(List.of(), server.directory().deviceJidsOf(Jid.phone("34999999999")));
    }
}
