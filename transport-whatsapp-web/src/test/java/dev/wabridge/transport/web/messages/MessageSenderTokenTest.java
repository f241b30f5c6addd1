package dev.wabridge.transport.web.messages;

import dev.wabridge.transport.SendAck;
import dev.wabridge.transport.web.device.Credentials;
import dev.wabridge.transport.web.prekeys.BundleFetcher;
import dev.wabridge.transport.web.privacy.PrivacyTokens;
import dev.wabridge.transport.web.services.FakeSessionServices;
import dev.wabridge.transport.web.usync.DeviceCache;
import dev.wabridge.transport.web.usync.DeviceLists;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.crypto.Curve25519;
import dev.wabridge.wire.crypto.KeyPair;
import dev.wabridge.wire.crypto.XEdDSA;
import dev.wabridge.wire.signal.protocol.DjbKeys;
import dev.wabridge.wire.signal.x3dh.BundleNodes;
import dev.wabridge.wire.signal.x3dh.PreKeyBundle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 1:1 {@code <message>} carries {@code <tctoken>} with the contact's bytes while we hold a
 * good token (whatsmeow send.go sendDM), none otherwise; once the server accepted it, our own
 * token is issued to the contact ({@code <iq xmlns="privacy" type="set"><tokens>}), and not
 * after a refusal.
 */
class MessageSenderTokenTest {
    private final FakeSessionServices session = new FakeSessionServices();
    private final DeviceCache cache = new DeviceCache(session.clock());
    private final ServerAcks acks = new ServerAcks();
    private final PrivacyTokens tokens = new PrivacyTokens(session);
    private final MessageSender sender = new MessageSender(session, new DeviceLists(session, cache), new BundleFetcher(session), acks, tokens);
    private final Jid us = Jid.phone("34600000001");
    private final Jid bob = Jid.phone("34600000002");

    @BeforeEach
    void linkedWithKnownDevices() {
        Credentials creds = session.credentials();
        session.saveCredentials(creds.paired(us.withDevice(1), Jid.parse("93460000001:1@lid"), new byte[]{1, 2, 3}));
        cache.put(new DeviceLists.UserDevices(bob, List.of(bob), Optional.empty()));
        cache.put(new DeviceLists.UserDevices(us, List.of(us.withDevice(1)), Optional.empty()));
    }

    /** Sends, answers the bundle fetch with a fresh bundle for Bob's phone, and returns the {@code <message>} written. */
    private Node send(String id, CompletableFuture<SendAck>[] result) {
        result[0] = sender.sendText(id, "+34600000002", "hola");
        FakeSessionServices.Request fetch = session.requests().get(session.requests().size() - 1);
        assertEquals("encrypt", fetch.xmlns());
        KeyPair identity = Curve25519.generate();
        KeyPair signed = Curve25519.generate();
        PreKeyBundle bundle = new PreKeyBundle(7, identity.publicKey(), 1, signed.publicKey(),
                XEdDSA.sign(identity.privateKey(), DjbKeys.serialize(signed.publicKey())), OptionalInt.empty(), null);
        fetch.answer().complete(Node.of("iq", Node.attrs("type", "result"), List.of(Node.of("list", Map.of(),
                List.of(Node.of("user", Node.attrs("jid", bob), new ArrayList<>(BundleNodes.toNodes(bundle))))))));
        Node message = session.sent().get(session.sent().size() - 1);
        assertEquals("message", message.tag());
        return message;
    }

    private long privacyRequests() {
        return session.requests().stream().filter(r -> r.xmlns().equals("privacy")).count();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theMessageCarriesTheContactsTokenAndOursIsIssuedAfterTheAck() {
        byte[] token = {7, 7, 7};
        tokens.onNotification(Node.of("notification", Node.attrs("from", bob, "type", "privacy_token", "id", "n"),
                List.of(Node.of("tokens", Map.of(), List.of(Node.of("token", Node.attrs("jid", us, "type", "trusted_contact",
                        "t", Long.toString(session.clock().instant().getEpochSecond())), token))))));
        CompletableFuture<SendAck>[] result = new CompletableFuture[1];
        Node message = send("3EB0AA", result);
        assertArrayEquals(token, message.child("tctoken").orElseThrow().bytes());
        assertEquals(0, privacyRequests(), "nothing is issued before the server accepted the message");

        acks.onAck(Node.of("ack", Node.attrs("class", "message", "id", "3EB0AA", "t", "1767225600")));
        assertTrue(result[0].isDone() && !result[0].isCompletedExceptionally());
        assertEquals(1, privacyRequests(), "our token goes to the contact after the ack");
    }

    @Test
    @SuppressWarnings("unchecked")
    void withoutATokenNoneIsAttachedAndARefusalIssuesNothing() {
        CompletableFuture<SendAck>[] result = new CompletableFuture[1];
        Node message = send("3EB0BB", result);
        assertTrue(message.child("tctoken").isEmpty());
        acks.onAck(Node.of("ack", Node.attrs("class", "message", "id", "3EB0BB", "error", "463")));
        assertTrue(result[0].isCompletedExceptionally());
        assertEquals(0, privacyRequests());
    }
}
