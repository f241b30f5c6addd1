package dev.wabridge.transport.web.messages;

import dev.wabridge.transport.SendAck;
import dev.wabridge.transport.TransportException;
import dev.wabridge.transport.web.device.Addressing;
import dev.wabridge.transport.web.device.Credentials;
import dev.wabridge.transport.web.device.SignalIdentity;
import dev.wabridge.transport.web.prekeys.BundleFetcher;
import dev.wabridge.transport.web.privacy.PrivacyTokens;
import dev.wabridge.transport.web.services.SessionServices;
import dev.wabridge.transport.web.usync.DeviceLists;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.privacy.TokenNodes;
import dev.wabridge.wire.routing.ParticipantHash;
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
 * Sends a text to a phone number as WhatsApp Web does (whatsmeow send.go sendDM,
 * encryptMessageForDevices, marshalMessage): the devices of the recipient and of our own
 * account (cached, else usync), prekey bundles for devices without a Signal session, one
 * encryption per device (the recipient's devices get the text, our other devices a
 * {@code deviceSentMessage} naming the chat), one {@code <message>} with
 * {@code <participants>}, our {@code <device-identity>} when any part is a {@code pkmsg}, then
 * the server's ack. We compute the participant hash over every device of both lists, this one
 * included (whatsmeow participantListHashV2), but do not send it: whatsmeow's sendDM puts it
 * only on group messages, and Baileys sets it after its 1:1 stanza's attributes are taken;
 * an ack whose {@code phash} differs from ours means the server's lists differ. The contact's privacy token
 * rides along as {@code <tctoken>} while we hold a good one (whatsmeow sendDM; without it a
 * new contact may be refused with 463), and once the server accepted the message our own token
 * is issued to the contact, at most once a week ({@link PrivacyTokens}).
 * Runs on the session's actor thread; every answer it waits for completes there.
 */
public final class MessageSender {
    private static final Logger log = LoggerFactory.getLogger(MessageSender.class);

    private final SessionServices session;
    private final DeviceLists deviceLists;
    private final BundleFetcher bundles;
    private final ServerAcks acks;
    private final PrivacyTokens privacyTokens;

    public MessageSender(SessionServices session, DeviceLists deviceLists, BundleFetcher bundles, ServerAcks acks,
                         PrivacyTokens privacyTokens) {
        this.session = session;
        this.deviceLists = deviceLists;
        this.bundles = bundles;
        this.acks = acks;
        this.privacyTokens = privacyTokens;
    }

    public CompletableFuture<SendAck> sendText(String messageId, String phone, String text) {
        Credentials creds = session.credentials();
        if (creds.jid() == null) {
            return CompletableFuture.failedFuture(new TransportException("this session is not linked to a WhatsApp account", false));
        }
        Jid to = Jid.phone(phone.startsWith("+") ? phone.substring(1) : phone);
        Jid own = creds.jid();
        return deviceLists.devices(List.of(to, own.toNonAd())).thenCompose(lists -> {
            DeviceLists.UserDevices recipient = lists.get(to);
            if (recipient == null || recipient.devices().isEmpty()) {
                throw new TransportException(phone + " is not on WhatsApp (the server lists no device for it)", false);
            }
            List<Jid> all = new ArrayList<>(recipient.devices());
            DeviceLists.UserDevices ours = lists.get(own.toNonAd());
            if (ours != null && ours != recipient) { // a note to ourselves lists our devices once
                all.addAll(ours.devices());
            }
            String phash = ParticipantHash.of(all);
            List<Jid> targets = all.stream().filter(d -> !(d.user().equals(own.user()) && d.device() == own.device())).toList();
            return ensureSessions(targets).thenCompose(v -> encryptAndSend(messageId, to, text, targets, creds, phash));
        });
    }

    /** Starts a session (from a fetched bundle) with each target that has none; devices without keys are skipped. */
    private CompletableFuture<Void> ensureSessions(List<Jid> targets) {
        SessionCipher cipher = cipher();
        SignalStores stores = new SignalStores(session.keys());
        List<Jid> missing = targets.stream().filter(d -> !cipher.hasSession(Addressing.of(stores, d))).toList();
        if (missing.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return bundles.fetch(missing).thenAccept(found -> {
            SessionBuilder builder = new SessionBuilder(new SignalStores(session.keys()), SignalIdentity.of(session.credentials()));
            for (Map.Entry<Jid, PreKeyBundle> e : found.entrySet()) {
                try {
                    builder.process(Addressing.of(stores, e.getKey()), e.getValue());
                } catch (SignalProtocolException bad) {
                    log.warn("session {}: bundle of {} refused: {}", session.sessionId(), e.getKey(), bad.getMessage());
                }
            }
        });
    }

    private CompletableFuture<SendAck> encryptAndSend(String messageId, Jid to, String text, List<Jid> targets, Credentials creds,
                                                      String phash) {
        byte[] forRecipient = TextPayloads.forRecipient(text);
        byte[] forOwnDevices = TextPayloads.forOwnDevices(to, text);
        SessionCipher cipher = cipher();
        SignalStores stores = new SignalStores(session.keys());
        List<Node> participants = new ArrayList<>();
        boolean anyPreKey = false;
        boolean reachesRecipient = false;
        for (Jid device : targets) {
            SignalAddress address = Addressing.of(stores, device);
            if (!cipher.hasSession(address)) {
                continue; // no bundle on the server for it
            }
            boolean own = device.user().equals(creds.jid().user());
            Ciphertext c = cipher.encrypt(address, MessagePadding.pad(own ? forOwnDevices : forRecipient));
            anyPreKey |= c.type() == CiphertextType.PKMSG;
            reachesRecipient |= !own;
            participants.add(Node.of("to", Node.attrs("jid", device), List.of(
                    Node.of("enc", Node.attrs("v", "2", "type", c.type().wireName()), c.body()))));
        }
        if (!reachesRecipient) {
            return CompletableFuture.failedFuture(new TransportException(
                    "no device of " + to.user() + " could be reached (no Signal keys on the server)", true));
        }
        List<Node> children = new ArrayList<>();
        children.add(Node.of("participants", Map.of(), participants));
        if (anyPreKey && creds.account() != null) {
            children.add(Node.of("device-identity", Map.of(), creds.account()));
        }
        privacyTokens.tokenFor(to).ifPresent(token -> children.add(Node.of(TokenNodes.MESSAGE_CHILD, Map.of(), token)));
        CompletableFuture<SendAck> ack = acks.expect(messageId, to, phash);
        session.send(Node.of("message", Node.attrs("id", messageId, "to", to, "type", "text"), children));
        return ack.whenComplete((accepted, refused) -> {
            if (refused == null) {
                privacyTokens.afterSend(to); // does not throw: the send's outcome stays the server's
            }
        });
    }

    private SessionCipher cipher() {
        return new SessionCipher(new SignalStores(session.keys()), SignalIdentity.of(session.credentials()));
    }
}
