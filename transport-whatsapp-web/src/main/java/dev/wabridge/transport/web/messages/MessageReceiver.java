package dev.wabridge.transport.web.messages;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.wabridge.transport.TransportEvent;
import dev.wabridge.transport.web.device.Addressing;
import dev.wabridge.transport.web.device.Credentials;
import dev.wabridge.transport.web.device.SignalIdentity;
import dev.wabridge.transport.web.services.SessionServices;
import dev.wabridge.transport.web.usync.DeviceCache;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.proto.Message;
import dev.wabridge.wire.signal.CiphertextType;
import dev.wabridge.wire.signal.Decrypted;
import dev.wabridge.wire.signal.GroupCipher;
import dev.wabridge.wire.signal.GroupSessionBuilder;
import dev.wabridge.wire.signal.MessagePadding;
import dev.wabridge.wire.signal.SessionCipher;
import dev.wabridge.wire.signal.protocol.SignalProtocolException;
import dev.wabridge.wire.signal.store.IdentityStore;
import dev.wabridge.wire.signal.store.SignalAddress;
import dev.wabridge.wire.signal.store.SignalStores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An incoming {@code <message>} (whatsmeow message.go handleEncryptedMessage, decryptMessages,
 * handleDecryptedMessage; receipt.go sendAck, sendMessageReceipt): decrypt each {@code <enc>}
 * ({@code pkmsg}/{@code msg} with the sender device's session, {@code skmsg} with the group
 * sender key), unpad, read the {@code Message}; a sender key handed over is stored; a text is
 * handed to the daemon, and only when the daemon has stored it are the delivery receipt and
 * the ack sent (a crash before that makes the server deliver it again; the Signal layer then
 * answers from its event buffer, never decrypting twice). A text typed on one of our own
 * devices arrives as {@code deviceSentMessage} and is reported as our own. What cannot be
 * decrypted gets a retry receipt ({@link RetryRequests}). A sender device missing from the
 * cached device list of its user, or a changed identity key, makes the next send fetch that
 * list again ({@link DeviceCache}). Runs on the session's actor thread.
 */
public final class MessageReceiver {
    private static final Logger log = LoggerFactory.getLogger(MessageReceiver.class);

    private final SessionServices session;
    private final RetryRequests retries;
    private final DeviceCache devices;

    public MessageReceiver(SessionServices session, RetryRequests retries, DeviceCache devices) {
        this.session = session;
        this.retries = retries;
        this.devices = devices;
    }

    public void onMessage(Node node) {
        Jid from = node.jidIfValid("from").orElse(null);
        if (from == null) {
            log.debug("session {}: message without a usable sender", session.sessionId());
            return;
        }
        String id = node.attr("id");
        if (id == null) {
            return;
        }
        boolean group = Jid.GROUP_SERVER.equals(from.server());
        Jid sender = group ? node.jid("participant").orElse(from) : from;
        learnLids(node, sender);
        devices.sawDevice(sender);
        Credentials creds = session.credentials();
        boolean fromUs = creds.jid() != null && sender.user() != null && sender.user().equals(creds.jid().user());
        Message content = null;
        boolean failed = false;
        for (Node enc : node.children("enc")) {
            try {
                Message m = decrypt(enc, group ? from : null, sender);
                if (m != null && (content == null || hasText(m))) {
                    content = m;
                }
            } catch (SignalProtocolException | IllegalArgumentException | InvalidProtocolBufferException e) {
                failed = true;
                log.info("session {}: cannot decrypt {} from {}: {}", session.sessionId(), id, sender, e.getMessage());
            }
        }
        if (failed && content == null) {
            retries.request(node, sender);
            ack(node);
            return;
        }
        Instant t = timestamp(node);
        boolean historySync = content != null && content.hasProtocolMessage() && content.getProtocolMessage().hasHistorySyncNotification();
        CompletionStage<Void> stored = report(id, from, sender, fromUs, node, content, t);
        stored.whenComplete((ok, error) -> {
            // the listener may complete on a daemon thread: come back to the actor
            session.schedule(() -> {
                if (error != null) {
                    log.warn("session {}: message {} not stored ({}); the server will deliver it again", session.sessionId(), id,
                            error.getMessage());
                    return; // no ack: the server redelivers at the next login
                }
                receipt(node, sender, fromUs);
                if (fromUs && historySync) {
                    session.send(OwnProtocolMessages.historySyncReceipt(id, creds.jid()));
                }
                ack(node);
            }, Duration.ZERO);
        });
    }

    private Message decrypt(Node enc, Jid groupJid, Jid sender) throws InvalidProtocolBufferException {
        CiphertextType type = CiphertextType.fromWire(enc.attr("type"));
        SignalStores stores = new SignalStores(session.keys());
        SignalAddress address = Addressing.of(stores, sender);
        byte[] body = enc.bytes();
        Decrypted d = type == CiphertextType.SKMSG
                ? new GroupCipher(stores).decrypt(groupJid.toString(), address, body)
                : new SessionCipher(stores, SignalIdentity.of(session.credentials())).decrypt(address, type, body);
        if (d.identityChange() == IdentityStore.Change.REPLACED) {
            devices.forget(sender); // a new identity: the user re-registered, its devices are new too
        }
        byte[] plain = "3".equals(enc.attr("v")) ? d.plaintext() : MessagePadding.unpad(d.plaintext());
        Message m = Message.parseFrom(plain);
        if (m.hasSenderKeyDistributionMessage() && m.getSenderKeyDistributionMessage().hasAxolotlSenderKeyDistributionMessage()) {
            new GroupSessionBuilder(stores).processDistribution(m.getSenderKeyDistributionMessage().getGroupId(), address,
                    m.getSenderKeyDistributionMessage().getAxolotlSenderKeyDistributionMessage().toByteArray());
        }
        if (m.hasProtocolMessage() && isOwnAccount(sender)) {
            OwnProtocolMessages.apply(stores, m.getProtocolMessage());
        }
        return m;
    }

    private boolean isOwnAccount(Jid sender) {
        Credentials creds = session.credentials();
        return creds.jid() != null && sender.user() != null && sender.user().equals(creds.jid().user());
    }

    private CompletionStage<Void> report(String id, Jid chat, Jid sender, boolean fromUs, Node node, Message m, Instant t) {
        if (m == null) {
            return CompletableFuture.completedFuture(null);
        }
        if (fromUs && m.hasDeviceSentMessage()) {
            Message inner = m.getDeviceSentMessage().getMessage();
            String text = text(inner);
            Jid dest = Jid.parse(m.getDeviceSentMessage().getDestinationJid());
            if (text != null && !Jid.GROUP_SERVER.equals(dest.server())) {
                session.emit(new TransportEvent.OwnMessageSent(id, "+" + dest.user(), text, t));
            }
            return CompletableFuture.completedFuture(null);
        }
        String text = text(m);
        if (text == null || Jid.GROUP_SERVER.equals(chat.server()) || fromUs) {
            return CompletableFuture.completedFuture(null); // not a 1:1 text: nothing the daemon logs yet
        }
        return session.emitIncoming(new TransportEvent.IncomingMessage(id, "+" + phoneOf(sender), node.attr("notify"), text, t));
    }

    /**
     * A stanza from a LID names the sender's phone number too ({@code sender_pn},
     * {@code participant_pn}; whatsmeow message.go parseMessageSource): remember the pair in the
     * shared map, so the person keeps one conversation whichever identity they write from.
     */
    private void learnLids(Node node, Jid sender) {
        if (!Jid.LID_SERVER.equals(sender.server())) {
            return;
        }
        for (String attr : new String[]{"sender_pn", "participant_pn"}) {
            node.jidIfValid(attr).filter(pn -> Jid.USER_SERVER.equals(pn.server()) && pn.user() != null)
                    .ifPresent(pn -> Addressing.learn(new SignalStores(session.keys()), pn.user(), sender.user()));
        }
    }

    /** A LID sender is reported under its phone number when the shared map knows it. */
    private String phoneOf(Jid sender) {
        if (Jid.LID_SERVER.equals(sender.server())) {
            return new SignalStores(session.keys()).lids().phoneFor(sender.user()).orElse(sender.user());
        }
        return sender.user();
    }

    private void receipt(Node node, Jid sender, boolean fromUs) {
        // whatsmeow sendMessageReceipt: to the sending device; "sender" for our own devices' messages.
        Map<String, Object> attrs = Node.attrs("id", node.attr("id"), "to", node.jid("from").orElseThrow());
        if (node.attr("participant") != null) {
            attrs.put("participant", sender);
        }
        if (fromUs) {
            attrs.put("type", "sender");
            node.jid("recipient").ifPresent(r -> attrs.put("recipient", r));
        }
        session.send(Node.of("receipt", attrs));
    }

    private void ack(Node node) {
        Map<String, Object> attrs = Node.attrs("class", "message", "id", node.attr("id"), "to", node.jid("from").orElseThrow());
        for (String copied : new String[]{"participant", "recipient"}) {
            if (node.attr(copied) != null) {
                attrs.put(copied, node.attrs().get(copied));
            }
        }
        session.send(Node.of("ack", attrs));
    }

    private static boolean hasText(Message m) {
        return text(m) != null || m.hasDeviceSentMessage();
    }

    /** The message's line in the log ({@link MessageText}), or null when it has none. */
    static String text(Message m) {
        return MessageText.of(m).orElse(null);
    }

    private static Instant timestamp(Node node) {
        try {
            return Instant.ofEpochSecond(Long.parseLong(node.attr("t")));
        } catch (RuntimeException e) {
            return Instant.now();
        }
    }
}
