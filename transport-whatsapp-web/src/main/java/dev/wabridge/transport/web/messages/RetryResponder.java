package dev.wabridge.transport.web.messages;

import dev.wabridge.transport.web.device.Addressing;
import dev.wabridge.transport.web.device.Credentials;
import dev.wabridge.transport.web.device.SignalIdentity;
import dev.wabridge.transport.web.prekeys.BundleFetcher;
import dev.wabridge.transport.web.services.SessionServices;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.signal.Ciphertext;
import dev.wabridge.wire.signal.CiphertextType;
import dev.wabridge.wire.signal.MessagePadding;
import dev.wabridge.wire.signal.SessionBuilder;
import dev.wabridge.wire.signal.SessionCipher;
import dev.wabridge.wire.signal.protocol.SignalProtocolException;
import dev.wabridge.wire.signal.store.SignalAddress;
import dev.wabridge.wire.signal.store.SignalStores;
import dev.wabridge.wire.signal.x3dh.PreKeyBundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A device could not decrypt a message we sent and asks again (whatsmeow retry.go
 * handleRetryReceipt): from the second attempt, or when the receipt brings keys, start a
 * fresh Signal session with that device (from the keys in the receipt, else a fetched
 * bundle); then encrypt the same text for that one device and send it with the same id and
 * the attempt count. At most {@link RetryRequests#MAX_ATTEMPTS} times per message; a message
 * no longer in {@link RecentMessages} cannot be resent. Runs on the session's actor thread.
 */
public final class RetryResponder {
    private static final Logger log = LoggerFactory.getLogger(RetryResponder.class);

    private final SessionServices session;
    private final RecentMessages recent;
    private final BundleFetcher bundles;

    public RetryResponder(SessionServices session, RecentMessages recent, BundleFetcher bundles) {
        this.session = session;
        this.recent = recent;
        this.bundles = bundles;
    }

    public void onRetry(Node receipt, Jid device) {
        String id = receipt.attr("id");
        int count = receipt.child("retry").map(r -> r.attr("count")).map(RetryResponder::parse).orElse(1);
        RecentMessages.Sent sent = id == null ? null : recent.get(id).orElse(null);
        if (sent == null || count > RetryRequests.MAX_ATTEMPTS) {
            log.info("session {}: retry {} for {} from {} not answered ({})", session.sessionId(), count, id, device,
                    sent == null ? "message not in the recent cache" : "too many attempts");
            return;
        }
        SignalAddress address = Addressing.of(new SignalStores(session.keys()), device);
        freshSession(receipt, device, count).thenRun(() -> resend(id, sent, device, address, count)).exceptionally(e -> {
            log.warn("session {}: cannot resend {} to {}: {}", session.sessionId(), id, device, e.getMessage());
            return null;
        });
    }

    private CompletableFuture<Void> freshSession(Node receipt, Jid device, int count) {
        SessionBuilder builder = new SessionBuilder(new SignalStores(session.keys()), SignalIdentity.of(session.credentials()));
        Node keys = receipt.child("keys").orElse(null);
        if (keys != null) {
            Node asBundle = Node.of("list", Map.of(), List.of(Node.of("user", Node.attrs("jid", device), withRegistration(receipt, keys))));
            PreKeyBundle bundle = BundleFetcher.parse(Node.of("iq", Map.of(), List.of(asBundle))).get(device);
            if (bundle != null) {
                builder.process(Addressing.of(new SignalStores(session.keys()), device), bundle);
                return CompletableFuture.completedFuture(null);
            }
        }
        if (count < 2) {
            return CompletableFuture.completedFuture(null); // first retry: the current session may do
        }
        return bundles.fetch(List.of(device)).thenAccept(found -> {
            PreKeyBundle b = found.get(device);
            if (b != null) {
                builder.process(Addressing.of(new SignalStores(session.keys()), device), b);
            }
        });
    }

    private static List<Node> withRegistration(Node receipt, Node keys) {
        List<Node> parts = new ArrayList<>(keys.children());
        receipt.child("registration").ifPresent(parts::add);
        return parts;
    }

    private void resend(String id, RecentMessages.Sent sent, Jid device, SignalAddress address, int count) {
        Credentials creds = session.credentials();
        boolean own = device.user().equals(creds.jid().user());
        byte[] plaintext = own ? TextPayloads.forOwnDevices(sent.to(), sent.text()) : TextPayloads.forRecipient(sent.text());
        Ciphertext c;
        try {
            c = new SessionCipher(new SignalStores(session.keys()), SignalIdentity.of(creds)).encrypt(address, MessagePadding.pad(plaintext));
        } catch (SignalProtocolException e) {
            log.warn("session {}: no session to resend {} to {}: {}", session.sessionId(), id, device, e.getMessage());
            return;
        }
        List<Node> children = new ArrayList<>();
        children.add(Node.of("enc", Node.attrs("v", "2", "type", c.type().wireName(), "count", Integer.toString(count)), c.body()));
        if (c.type() == CiphertextType.PKMSG && creds.account() != null) {
            children.add(Node.of("device-identity", Map.of(), creds.account()));
        }
        session.send(Node.of("message", Node.attrs("id", id, "to", device, "type", "text"), children));
    }

    private static int parse(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
