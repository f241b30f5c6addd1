package dev.wabridge.wire.signal;

import dev.wabridge.wire.crypto.AesCbc;
import dev.wabridge.wire.crypto.CryptoException;
import dev.wabridge.wire.signal.groups.SenderKeyRecord;
import dev.wabridge.wire.signal.groups.SenderKeyState;
import dev.wabridge.wire.signal.groups.SenderMessageKey;
import dev.wabridge.wire.signal.protocol.DuplicateMessageException;
import dev.wabridge.wire.signal.protocol.InvalidMessageException;
import dev.wabridge.wire.signal.protocol.MessageTooFarAheadException;
import dev.wabridge.wire.signal.protocol.NoSessionException;
import dev.wabridge.wire.signal.protocol.SenderKeyMessage;
import dev.wabridge.wire.signal.store.EventBuffer;
import dev.wabridge.wire.signal.store.IdentityStore;
import dev.wabridge.wire.signal.store.SignalAddress;
import dev.wabridge.wire.signal.store.SignalStores;

import java.util.Optional;

/**
 * Group messages ({@code skmsg}) under sender keys (libsignal rust protocol/src/group_cipher.rs
 * {@code group_encrypt}/{@code group_decrypt}; Baileys WASignalGroup/group_cipher.js;
 * whatsmeow message.go {@code decryptGroupMsg}): encrypted once with the sender's chain,
 * AES-256-CBC, signed with the sender's signing key (constant-time XEdDSA).
 *
 * <p>A decrypt is one transaction with the chain step and the plaintext in the
 * {@link EventBuffer}, like {@link SessionCipher}: a redelivered {@code skmsg} is answered from
 * the buffer, and a failure changes nothing.
 */
public final class GroupCipher {
    private final SignalStores stores;

    public GroupCipher(SignalStores stores) {
        this.stores = stores;
    }

    /** Our {@code skmsg} for {@code groupJid}; needs our key from {@link GroupSessionBuilder#createDistribution}. */
    public byte[] encrypt(String groupJid, SignalAddress self, byte[] plaintext) {
        return stores.transaction(tx -> {
            SenderKeyRecord record = tx.senderKeys().load(groupJid, self).map(SenderKeyRecord::deserialize)
                    .orElseThrow(() -> new NoSessionException("no sender key of ours in " + groupJid));
            SenderKeyState state = record.newest().filter(SenderKeyState::canSign)
                    .orElseThrow(() -> new NoSessionException("no sender key of ours in " + groupJid));
            SenderMessageKey key = state.nextSendingKey();
            byte[] ciphertext = AesCbc.encrypt(key.cipherKey(), key.iv(), plaintext);
            byte[] out = SenderKeyMessage.create(state.keyId(), key.iteration(), ciphertext, state.signingPrivate()).serialize();
            tx.senderKeys().store(groupJid, self, record.serialize());
            return out;
        });
    }

    /**
     * Decrypts {@code sender}'s {@code skmsg} in {@code groupJid}. Throws
     * {@link NoSessionException} (no distribution message from them with that key id),
     * {@link InvalidMessageException} (signature, padding), {@link DuplicateMessageException} or
     * {@link MessageTooFarAheadException}, having changed nothing.
     */
    public Decrypted decrypt(String groupJid, SignalAddress sender, byte[] body) {
        byte[] hash = EventBuffer.hash(body);
        return stores.transaction(tx -> {
            Optional<byte[]> buffered = tx.eventBuffer().get(hash);
            if (buffered.isPresent()) {
                return new Decrypted(buffered.get(), IdentityStore.Change.UNCHANGED, true);
            }
            SenderKeyMessage message = SenderKeyMessage.parse(body);
            SenderKeyRecord record = tx.senderKeys().load(groupJid, sender).map(SenderKeyRecord::deserialize)
                    .orElseThrow(() -> new NoSessionException("no sender key from " + sender + " in " + groupJid));
            SenderKeyState state = record.state(message.keyId())
                    .orElseThrow(() -> new NoSessionException("no sender key " + Integer.toUnsignedString(message.keyId()) + " from "
                            + sender + " in " + groupJid));
            message.verifySignature(state.signingPublic());
            SenderMessageKey key = state.receivingKey(message.iteration());
            byte[] plaintext;
            try {
                plaintext = AesCbc.decrypt(key.cipherKey(), key.iv(), message.ciphertext());
            } catch (CryptoException e) {
                throw new InvalidMessageException("sender key message body does not decrypt: " + e.getMessage());
            }
            tx.senderKeys().store(groupJid, sender, record.serialize());
            tx.eventBuffer().put(hash, plaintext);
            return new Decrypted(plaintext, IdentityStore.Change.UNCHANGED, false);
        });
    }
}
