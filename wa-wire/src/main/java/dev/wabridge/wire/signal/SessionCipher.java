package dev.wabridge.wire.signal;

import dev.wabridge.wire.signal.protocol.DuplicateMessageException;
import dev.wabridge.wire.signal.protocol.InvalidKeyIdException;
import dev.wabridge.wire.signal.protocol.InvalidMessageException;
import dev.wabridge.wire.signal.protocol.MessageTooFarAheadException;
import dev.wabridge.wire.signal.protocol.NoSessionException;
import dev.wabridge.wire.signal.protocol.PreKeySignalMessage;
import dev.wabridge.wire.signal.protocol.SignalMessage;
import dev.wabridge.wire.signal.protocol.SignalProtocolException;
import dev.wabridge.wire.signal.ratchet.DoubleRatchet;
import dev.wabridge.wire.signal.ratchet.PendingPreKey;
import dev.wabridge.wire.signal.ratchet.SessionState;
import dev.wabridge.wire.signal.state.SessionRecord;
import dev.wabridge.wire.signal.store.EventBuffer;
import dev.wabridge.wire.signal.store.IdentityStore;
import dev.wabridge.wire.signal.store.PreKeyStore;
import dev.wabridge.wire.signal.store.SignalAddress;
import dev.wabridge.wire.signal.store.SignalStores;
import dev.wabridge.wire.signal.store.SignedPreKeyStore;
import dev.wabridge.wire.signal.x3dh.SessionStates;

import java.util.Optional;

/**
 * Encrypts to and decrypts from one device's Signal session: {@code pkmsg} and {@code msg}
 * (libsignal rust protocol/src/session_cipher.rs; libsignal-node session_cipher.js; whatsmeow
 * message.go {@code decryptDM}).
 *
 * <p>Every call is one {@link SignalStores#transaction}. A decrypt commits together: the
 * ratchet step, the one-time prekey a {@code pkmsg} consumed, the sender's identity key, and the
 * plaintext in the {@link EventBuffer} under the ciphertext's hash. So a crash or a failing
 * write leaves the session where it was and the same message decrypts again; and a stanza the
 * server redelivers (our ack was lost) finds its plaintext in the buffer and does not touch the
 * ratchet, which could not decrypt it twice.
 *
 * <p>A message that fails under the current session is tried under the archived ones (the
 * peer may have sent it before it saw our newer session); the one that decrypts it becomes
 * current again. A {@code pkmsg} from an identity key other than the stored one replaces it,
 * drops the address's old sessions and reports {@link IdentityStore.Change#REPLACED}:
 * WhatsApp accepts identity changes and tells the user.
 */
public final class SessionCipher {
    private final SignalStores stores;
    private final LocalIdentity local;

    public SessionCipher(SignalStores stores, LocalIdentity local) {
        this.stores = stores;
        this.local = local;
    }

    public boolean hasSession(SignalAddress address) {
        return stores.sessions().load(address).map(SessionRecord::deserialize).flatMap(SessionRecord::current).isPresent();
    }

    /** A {@code pkmsg} until the device has answered on this session, a {@code msg} after. */
    public Ciphertext encrypt(SignalAddress to, byte[] plaintext) {
        return stores.transaction(tx -> {
            SessionRecord record = tx.sessions().load(to).map(SessionRecord::deserialize)
                    .orElseThrow(() -> new NoSessionException("no Signal session with " + to));
            SessionState state = record.current().orElseThrow(() -> new NoSessionException("no current Signal session with " + to));
            SignalMessage message = DoubleRatchet.encrypt(state, plaintext);
            PendingPreKey pending = state.pendingPreKey();
            Ciphertext out = pending == null
                    ? new Ciphertext(CiphertextType.MSG, message.serialize())
                    : new Ciphertext(CiphertextType.PKMSG, PreKeySignalMessage.create(local.registrationId(), pending.preKeyId(),
                            pending.signedPreKeyId(), pending.baseKey(), local.identityKey().publicKey(), message).serialize());
            record.setCurrent(state);
            tx.sessions().store(to, record.serialize());
            return out;
        });
    }

    /**
     * Decrypts a {@code pkmsg} or {@code msg} from {@code from}. Throws
     * {@link InvalidMessageException}, {@link DuplicateMessageException},
     * {@link MessageTooFarAheadException}, {@link NoSessionException} or
     * {@link InvalidKeyIdException}, having changed nothing.
     */
    public Decrypted decrypt(SignalAddress from, CiphertextType type, byte[] body) {
        if (type == CiphertextType.SKMSG) {
            throw new IllegalArgumentException("skmsg is a group message: use GroupCipher");
        }
        byte[] hash = EventBuffer.hash(body);
        return stores.transaction(tx -> {
            Optional<byte[]> buffered = tx.eventBuffer().get(hash);
            if (buffered.isPresent()) {
                return new Decrypted(buffered.get(), IdentityStore.Change.UNCHANGED, true);
            }
            Decrypted result = type == CiphertextType.PKMSG
                    ? decryptPreKey(tx, from, PreKeySignalMessage.parse(body))
                    : decryptMessage(tx, from, SignalMessage.parse(body));
            tx.eventBuffer().put(hash, result.plaintext());
            return result;
        });
    }

    private Decrypted decryptPreKey(SignalStores tx, SignalAddress from, PreKeySignalMessage message) {
        IdentityStore.Change change = tx.identities().save(from, message.identityKey());
        if (change == IdentityStore.Change.REPLACED) {
            tx.sessions().delete(from);
        }
        SessionRecord record = tx.sessions().load(from).map(SessionRecord::deserialize).orElseGet(SessionRecord::empty);
        Optional<Integer> known = record.indexOfBaseKey(message.baseKey());
        byte[] plaintext;
        if (known.isPresent()) {
            // A later pkmsg of a session we already built (the peer has not seen our answer yet).
            int index = known.get();
            SessionState state = index < 0 ? record.current().orElseThrow() : record.archived(index);
            plaintext = DoubleRatchet.decrypt(state, message.message());
            if (index < 0) {
                record.setCurrent(state);
            } else {
                record.promoteArchived(index, state);
            }
        } else {
            SignedPreKeyStore.SignedPreKey signed = tx.signedPreKeys().load(message.signedPreKeyId())
                    .orElseThrow(() -> new InvalidKeyIdException("no signed prekey " + message.signedPreKeyId()));
            PreKeyStore.PreKey oneTime = null;
            if (message.preKeyId().isPresent()) {
                int id = message.preKeyId().getAsInt();
                oneTime = tx.preKeys().load(id).orElseThrow(() -> new InvalidKeyIdException("no one-time prekey " + id));
            }
            SessionState state = SessionStates.responder(local.identityKey(), local.registrationId(), signed.keyPair(),
                    oneTime == null ? null : oneTime.keyPair(), message);
            plaintext = DoubleRatchet.decrypt(state, message.message());
            record.promote(state);
            if (oneTime != null) {
                tx.preKeys().remove(oneTime.id());
            }
        }
        tx.sessions().store(from, record.serialize());
        return new Decrypted(plaintext, change, false);
    }

    private Decrypted decryptMessage(SignalStores tx, SignalAddress from, SignalMessage message) {
        SessionRecord record = tx.sessions().load(from).map(SessionRecord::deserialize)
                .filter(r -> !r.isEmpty())
                .orElseThrow(() -> new NoSessionException("no Signal session with " + from));
        SignalProtocolException firstFailure = null;
        Optional<SessionState> current = record.current();
        if (current.isPresent()) {
            SessionState state = current.get();
            try {
                byte[] plaintext = DoubleRatchet.decrypt(state, message);
                record.setCurrent(state);
                tx.sessions().store(from, record.serialize());
                return new Decrypted(plaintext, IdentityStore.Change.UNCHANGED, false);
            } catch (InvalidMessageException | MessageTooFarAheadException e) {
                firstFailure = e;
            }
        }
        for (int i = 0; i < record.archivedCount(); i++) {
            SessionState state = record.archived(i);
            try {
                byte[] plaintext = DoubleRatchet.decrypt(state, message);
                record.promoteArchived(i, state);
                tx.sessions().store(from, record.serialize());
                return new Decrypted(plaintext, IdentityStore.Change.UNCHANGED, false);
            } catch (InvalidMessageException | MessageTooFarAheadException e) {
                if (firstFailure == null) {
                    firstFailure = e;
                }
            }
        }
        if (firstFailure instanceof MessageTooFarAheadException tooFar) {
            throw tooFar;
        }
        throw new InvalidMessageException("no Signal session with " + from + " decrypts this message (" + record + ")",
                firstFailure);
    }
}
