package dev.wabridge.transport.web.privacy;

import dev.wabridge.transport.web.device.Credentials;
import dev.wabridge.transport.web.services.FakeSessionServices;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.privacy.TokenNodes;
import dev.wabridge.wire.signal.store.LidMap;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client's privacy tokens against a fake session (whatsmeow tctoken.go and
 * notification.go): a contact's token from a {@code privacy_token} notification is kept under
 * its LID (the {@code sender_lid}, or the number's LID from the shared map) and found by its
 * number; other types, empty, expired and older tokens are skipped; a token leaves the window
 * 21–28 days after its time and is pruned; ours is issued after a send once per 7-day bucket,
 * to the LID when known, never twice at once, again after a failure, never to ourselves, bots
 * or the PSA account, and again with the stored time after the contact's identity changed.
 * {@link FakeSessionServices#START} is the start of a bucket (2026-01-01, a Thursday).
 */
class PrivacyTokensTest {
    private final FakeSessionServices session = new FakeSessionServices();
    private final PrivacyTokens tokens = new PrivacyTokens(session);
    private final LidMap lids = new LidMap(session.keys().shared());
    private final Jid bob = Jid.phone("34600000002");
    private final Jid bobsLid = Jid.user("93460000002", Jid.LID_SERVER);
    private final byte[] data = {4, 1, 33, (byte) 254, 110};

    private static Node notification(Map<String, Object> attrs, Instant t, String type, byte[] token) {
        Map<String, Object> all = Node.attrs("type", "privacy_token", "id", "n1", "t", "1");
        all.putAll(attrs);
        return Node.of("notification", all, List.of(Node.of("tokens", Map.of(), List.of(Node.of("token",
                Node.attrs("jid", Jid.phone("34600000001"), "t", Long.toString(t.getEpochSecond()), "type", type), token)))));
    }

    private Node fromBob(Instant t, byte[] token) {
        return notification(Node.attrs("from", bob), t, "trusted_contact", token);
    }

    private Instant now() {
        return session.clock().instant();
    }

    private List<FakeSessionServices.Request> issues() {
        return session.requests().stream().filter(r -> r.xmlns().equals("privacy")).toList();
    }

    private static Node issuedToken(FakeSessionServices.Request r) {
        assertEquals("set", r.type());
        return r.children().get(0).child("token").orElseThrow();
    }

    private static Node result() {
        return Node.of("iq", Node.attrs("type", "result"));
    }

    @Test
    void aContactsTokenIsKeptUnderItsLidAndFoundByItsNumber() {
        lids.put("34600000002", "93460000002");
        tokens.onNotification(fromBob(now().minusSeconds(3600), data));
        assertArrayEquals(data, tokens.tokenFor(bob).orElseThrow());
        assertTrue(session.keys().get(PrivacyTokenStore.NAMESPACE, "93460000002@lid").isPresent());
        assertTrue(session.keys().get(PrivacyTokenStore.NAMESPACE, "34600000002@s.whatsapp.net").isEmpty());
    }

    @Test
    void senderLidNamesTheIssuer() {
        tokens.onNotification(notification(Node.attrs("from", bob, "sender_lid", bobsLid), now(), "trusted_contact", data));
        assertTrue(session.keys().get(PrivacyTokenStore.NAMESPACE, "93460000002@lid").isPresent());
        assertTrue(tokens.tokenFor(bob).isEmpty(), "the number's LID is not known yet");
        lids.put("34600000002", "93460000002");
        assertArrayEquals(data, tokens.tokenFor(bob).orElseThrow());
    }

    @Test
    void aTokenKeptUnderTheNumberIsFoundOnceTheLidIsKnownAndMovesThereOnTheNextWrite() {
        tokens.onNotification(fromBob(now(), data));
        assertTrue(session.keys().get(PrivacyTokenStore.NAMESPACE, "34600000002@s.whatsapp.net").isPresent());
        lids.put("34600000002", "93460000002");
        assertArrayEquals(data, tokens.tokenFor(bob).orElseThrow());
        assertArrayEquals(data, tokens.tokenFor(bobsLid).orElseThrow());
        byte[] newer = {9, 9};
        tokens.onNotification(fromBob(now().plusSeconds(5), newer));
        assertArrayEquals(newer, tokens.tokenFor(bob).orElseThrow());
        assertTrue(session.keys().get(PrivacyTokenStore.NAMESPACE, "34600000002@s.whatsapp.net").isEmpty());
    }

    @Test
    void otherTypesEmptyExpiredAndOlderTokensAreSkipped() {
        tokens.onNotification(notification(Node.attrs("from", bob), now(), "something_else", data));
        tokens.onNotification(fromBob(now(), new byte[0]));
        tokens.onNotification(fromBob(now().minus(Duration.ofDays(22)), data));
        tokens.onNotification(notification(Node.attrs("from", Jid.phone("0")), now(), "trusted_contact", data));
        assertTrue(session.keys().keys(PrivacyTokenStore.NAMESPACE).isEmpty());

        tokens.onNotification(fromBob(now(), data));
        tokens.onNotification(fromBob(now().minusSeconds(60), new byte[]{1}));
        assertArrayEquals(data, tokens.tokenFor(bob).orElseThrow(), "the newer token stays");
    }

    @Test
    void aTokenLeavesTheWindowWithItsBucketAndIsPruned() {
        tokens.onNotification(fromBob(now().minus(Duration.ofDays(20)), data)); // bucket START-21d..START-14d
        assertTrue(tokens.tokenFor(bob).isPresent(), "inside the window of 4 buckets");
        session.scheduler().advance(Duration.ofDays(6));
        assertTrue(tokens.tokenFor(bob).isPresent(), "same buckets");
        session.scheduler().advance(Duration.ofDays(1)); // START+7d: a new bucket; the window starts at START-14d
        assertTrue(tokens.tokenFor(bob).isEmpty());
        assertTrue(session.keys().keys(PrivacyTokenStore.NAMESPACE).isEmpty(), "pruned (a day since the last prune)");
    }

    @Test
    void pruningKeepsTheIssueTimeWhileItStillSparesAnIssue() {
        tokens.onNotification(fromBob(now().minus(Duration.ofDays(20)), data));
        tokens.afterSend(bob);
        issues().get(0).answer().complete(result());
        session.scheduler().advance(Duration.ofDays(7));
        assertTrue(tokens.tokenFor(bob).isEmpty());
        PrivacyTokenStore.Entry left = new PrivacyTokenStore(session.keys()).find(bob).orElseThrow();
        assertTrue(!left.hasToken() && left.issuedTime().equals(FakeSessionServices.START), left.toString());
    }

    @Test
    void ourTokenIsIssuedOncePerBucketAfterASend() {
        tokens.afterSend(bob);
        tokens.afterSend(bob);
        assertEquals(1, issues().size(), "one request in flight per contact");
        Node token = issuedToken(issues().get(0));
        assertEquals(Map.of("jid", bob, "t", Long.toString(now().getEpochSecond()), "type", TokenNodes.TRUSTED_CONTACT), token.attrs());
        issues().get(0).answer().complete(result());

        session.scheduler().advance(Duration.ofDays(6));
        tokens.afterSend(bob);
        assertEquals(1, issues().size(), "issued in this bucket already");
        session.scheduler().advance(Duration.ofDays(1));
        tokens.afterSend(bob);
        assertEquals(2, issues().size(), "a new bucket");
    }

    @Test
    void ourTokenGoesToTheLidWhenKnownAndAgainAfterAFailure() {
        lids.put("34600000002", "93460000002");
        tokens.afterSend(bob);
        assertEquals(bobsLid, issuedToken(issues().get(0)).attrs().get("jid"));
        issues().get(0).answer().completeExceptionally(new IllegalStateException("timeout"));
        tokens.afterSend(bob);
        assertEquals(2, issues().size(), "a failure is only logged; the next send tries again");
    }

    @Test
    void noTokenGoesToOurselvesBotsOrThePsa() {
        Credentials creds = session.credentials();
        session.saveCredentials(creds.paired(Jid.parse("34600000001:1@s.whatsapp.net"), Jid.parse("93460000001:1@lid"), new byte[]{1}));
        tokens.afterSend(Jid.phone("34600000001"));
        tokens.afterSend(Jid.user("93460000001", Jid.LID_SERVER));
        tokens.afterSend(Jid.phone("13135550001"));
        tokens.afterSend(Jid.phone("0"));
        assertTrue(issues().isEmpty());
    }

    @Test
    void anIdentityChangeIssuesOurTokenAgainWithItsTime() {
        Node identity = Node.of("notification", Node.attrs("from", bob, "type", "encrypt", "id", "e1"), List.of(Node.of("identity")));
        tokens.onEncrypt(identity);
        assertTrue(issues().isEmpty(), "never issued: nothing to renew");

        tokens.afterSend(bob);
        issues().get(0).answer().complete(result());
        session.scheduler().advance(Duration.ofDays(2));
        tokens.onEncrypt(identity);
        assertEquals(2, issues().size());
        assertEquals(Long.toString(FakeSessionServices.START.getEpochSecond()), issuedToken(issues().get(1)).attr("t"));
    }
}
