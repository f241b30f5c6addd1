package dev.wabridge.transport.web.device;

import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.signal.store.SignalAddress;
import dev.wabridge.wire.signal.store.SignalStores;

/**
 * Which Signal address a device is encrypted to and decrypted from, once WhatsApp addresses
 * its account by LID: the LID's, whenever the shared map knows the phone number's LID
 * (whatsmeow send.go/message.go use the LID as the encryption identity when it is known). When
 * a mapping is learned, the Signal sessions built under the phone number move to the LID in the
 * same transaction as the mapping (whatsmeow store.SessionStore.MigratePNToLID), so a contact
 * that switches identity keeps its sessions and its conversation.
 */
public final class Addressing {
    private Addressing() {
    }

    /** The address to use for {@code device}: its LID form when one is known for its phone number. */
    public static SignalAddress of(SignalStores stores, Jid device) {
        if (Jid.USER_SERVER.equals(device.server()) && device.user() != null) {
            return stores.lids().lidFor(device.user())
                    .map(lid -> new SignalAddress(lid, Jid.LID_SERVER, device.device()))
                    .orElseGet(() -> SignalAddress.of(device));
        }
        return SignalAddress.of(device);
    }

    /**
     * Records that {@code phoneUser} is {@code lidUser} and moves the sessions kept under the
     * phone number to the LID, unless the LID has its own already; one commit.
     */
    public static void learn(SignalStores stores, String phoneUser, String lidUser) {
        stores.transaction(tx -> {
            if (tx.lids().lidFor(phoneUser).filter(lidUser::equals).isPresent()) {
                return null; // known already
            }
            tx.lids().put(phoneUser, lidUser);
            if (tx.sessions().devices(lidUser, Jid.LID_SERVER).isEmpty()) {
                tx.sessions().migrate(phoneUser, Jid.USER_SERVER, lidUser, Jid.LID_SERVER);
            }
            return null;
        });
    }
}
