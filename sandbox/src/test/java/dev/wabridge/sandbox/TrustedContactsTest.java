package dev.wabridge.sandbox;

import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.crypto.Curve25519;
import dev.wabridge.wire.privacy.TokenNodes;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server's privacy tokens: an issued token reaches every device of the contact as the
 * {@code privacy_token} notification whatsmeow parses (the bytes as the token's content, the
 * issuer in {@code from} and {@code sender_lid}), keeps its bytes on re-issue, and, with the
 * fault on, is what lets a new 1:1 chat through: none, wrong bytes or an expired issue is
 * refused, an existing chat needs none, and nothing is refused with the fault off; the test
 * API's {@code POST /sandbox/faults/privacy-tokens} switches it.
 */
class TrustedContactsTest {
    private final SandboxServer server = SandboxServer.create();
    private final Account alice = new Account("+34600000001", Curve25519.generate(), "934600000001", new AtomicInteger(2));
    private final Account bob = new Account("+34600000002", Curve25519.generate(), "934600000002", new AtomicInteger(2));
    private final Inbox bobsCompanion = new Inbox();
    private final TrustedContacts contacts = server.trustedContacts();

    private static final class Inbox implements Endpoint {
        final List<Node> got = new ArrayList<>();

        @Override
        public void push(Node stanza) {
            if (stanza.tag().equals("notification")) { // not the end-of-offline marker
                got.add(stanza);
            }
        }
    }

    TrustedContactsTest() {
        server.accounts.put("34600000001", alice);
        server.accounts.put("34600000002", bob);
        server.devices.put("b1", new Device(Jid.parse("34600000002:1@s.whatsapp.net"), Jid.parse("934600000002:1@lid"), new byte[]{2},
                new byte[32]));
        server.router().online("34600000002:1@s.whatsapp.net", bobsCompanion);
    }

    @Test
    void anIssuedTokenReachesTheContactsDevicesAsWhatsmeowReadsIt() {
        Instant t = server.clock().instant().minusSeconds(60);
        contacts.issue(alice, bob, t);
        Node n = bobsCompanion.got.get(0);
        assertEquals("notification", n.tag());
        assertEquals(TokenNodes.NOTIFICATION_TYPE, n.attr("type"));
        assertEquals(Jid.phone("34600000001"), n.attrs().get("from"));
        assertEquals(Jid.user("934600000001", Jid.LID_SERVER), n.attrs().get("sender_lid"));
        Node token = n.child("tokens").orElseThrow().child("token").orElseThrow();
        assertEquals("trusted_contact", token.attr("type"));
        assertEquals(Long.toString(t.getEpochSecond()), token.attr("t"));
        assertEquals(Jid.phone("34600000002"), token.attrs().get("jid"));
        assertEquals(32, token.bytes().length, "the token is the node's binary content");
        assertEquals(t, contacts.issuedAt(alice, bob).orElseThrow());

        contacts.issue(alice, bob, t.plusSeconds(30));
        Node again = bobsCompanion.got.get(1).child("tokens").orElseThrow().child("token").orElseThrow();
        assertArrayEquals(token.bytes(), again.bytes(), "one token per (issuer, contact)");
        assertEquals(t.plusSeconds(30), contacts.issuedAt(alice, bob).orElseThrow());
    }

    @Test
    void withTheFaultOnANewChatNeedsTheContactsToken() {
        assertTrue(contacts.admits(alice, bob, null), "off by default");
        contacts.require(true);
        assertFalse(contacts.admits(alice, bob, null), "a new chat without a token");
        contacts.issue(bob, alice, server.clock().instant());
        assertFalse(contacts.admits(alice, bob, new byte[32]), "not the contact's bytes");
        contacts.issue(alice, bob, server.clock().instant());
        byte[] alicesToBob = bobsCompanion.got.get(0).child("tokens").orElseThrow().child("token").orElseThrow().bytes();
        assertTrue(contacts.admits(bob, alice, alicesToBob), "bob writes to alice with the token alice issued to him");
        assertFalse(contacts.admits(alice, bob, alicesToBob), "a token works one way only");
        assertTrue(contacts.admits(alice, alice, null), "a note to oneself");

        contacts.accepted(alice, bob);
        assertTrue(contacts.admits(alice, bob, null), "an existing chat needs no token");
    }

    @Test
    void aTokenIssuedBeforeTheWindowNoLongerOpensAChat() {
        contacts.require(true);
        contacts.issue(alice, bob, server.clock().instant().minus(Duration.ofDays(29)));
        byte[] old = bobsCompanion.got.get(0).child("tokens").orElseThrow().child("token").orElseThrow().bytes();
        assertFalse(contacts.admits(bob, alice, old));
    }

    @Test
    void theFaultIsSwitchedOverTheTestApi() throws Exception {
        FaultApi api = new FaultApi(server);
        ObjectMapper json = new ObjectMapper();
        assertEquals(Map.of("privacy_tokens_required", true),
                api.handle("/sandbox/faults/privacy-tokens", true, () -> json.createObjectNode().put("required", true)));
        assertFalse(contacts.admits(alice, bob, null));
        api.handle("/sandbox/faults/privacy-tokens", true, () -> json.createObjectNode().put("required", false));
        assertTrue(contacts.admits(alice, bob, null));
        assertThrows(IllegalArgumentException.class, () -> api.handle("/sandbox/faults/privacy-tokens", true, json::createObjectNode));
    }
}
