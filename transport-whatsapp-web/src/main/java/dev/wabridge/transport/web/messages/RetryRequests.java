package dev.wabridge.transport.web.messages;

import dev.wabridge.transport.web.device.Credentials;
import dev.wabridge.transport.web.prekeys.PreKeyUploader;
import dev.wabridge.transport.web.services.SessionServices;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.signal.store.PreKeyStore;
import dev.wabridge.wire.signal.store.SignalStores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Asks a sender to send again what we could not decrypt (whatsmeow retry.go
 * sendRetryReceipt): {@code <receipt type="retry">} with the attempt count, our registration
 * id and, from the second attempt, a fresh prekey bundle so the sender can start a new
 * session. At most {@link #MAX_ATTEMPTS} per message (Baileys maxMsgRetryCount), so a message
 * that never decrypts does not loop. Runs on the session's actor thread.
 */
public final class RetryRequests {
    private static final Logger log = LoggerFactory.getLogger(RetryRequests.class);
    public static final int MAX_ATTEMPTS = 5;
    /** How many message ids' counts are remembered (oldest forgotten first). */
    private static final int REMEMBERED = 1000;

    private final SessionServices session;
    private final Map<String, Integer> attempts = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > REMEMBERED;
        }
    };

    public RetryRequests(SessionServices session) {
        this.session = session;
    }

    public void request(Node message, Jid sender) {
        String id = message.attr("id");
        int count = attempts.merge(id, 1, Integer::sum);
        if (count > MAX_ATTEMPTS) {
            log.warn("session {}: message {} from {} still undecryptable after {} retries; giving up", session.sessionId(), id, sender,
                    MAX_ATTEMPTS);
            return;
        }
        Credentials creds = session.credentials();
        List<Node> children = new ArrayList<>();
        children.add(Node.of("retry", Node.attrs("count", Integer.toString(count), "id", id, "t",
                message.attr("t") == null ? "0" : message.attr("t"), "v", "1")));
        children.add(Node.of("registration", Map.of(), ByteBuffer.allocate(4).putInt(creds.registrationId()).array()));
        if (count > 1) {
            children.add(keys(creds));
        }
        Map<String, Object> attrs = Node.attrs("id", id, "type", "retry", "to", message.jid("from").orElseThrow());
        if (message.attr("participant") != null) {
            attrs.put("participant", sender);
        }
        session.send(Node.of("receipt", attrs, children));
    }

    /** A fresh bundle: identity, one new one-time prekey, the signed prekey, our device identity. */
    private Node keys(Credentials creds) {
        PreKeyStore.PreKey key = new SignalStores(session.keys()).preKeys().getOrGenerate(1).get(0);
        List<Node> parts = new ArrayList<>(List.of(
                Node.of("type", Map.of(), new byte[]{5}),
                Node.of("identity", Map.of(), creds.identityKey().publicKey()),
                Node.of("key", Map.of(), List.of(Node.of("id", Map.of(), PreKeyUploader.id3(key.id())),
                        Node.of("value", Map.of(), key.keyPair().publicKey()))),
                PreKeyUploader.skey(creds.signedPreKeyId(), creds.signedPreKey().publicKey(), creds.signedPreKeySignature())));
        if (creds.account() != null) {
            parts.add(Node.of("device-identity", Map.of(), creds.account()));
        }
        return Node.of("keys", Map.of(), parts);
    }
}
