package dev.wabridge.transport.web.messages;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.wabridge.transport.web.device.Addressing;
import dev.wabridge.wire.appstate.AppStateKeyStore;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.proto.LIDMigrationMapping;
import dev.wabridge.wire.proto.LIDMigrationMappingSyncPayload;
import dev.wabridge.wire.proto.Message;
import dev.wabridge.wire.signal.store.SignalStores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Protocol messages only our own phone may send its linked devices (whatsmeow message.go
 * handleProtocolMessage, which reads them only when {@code IsFromMe}):
 * <ul>
 *   <li>the app-state keys (an {@code appStateSyncKeyShare}), kept for archiving;</li>
 *   <li>its phone-number → LID pairs (a {@code lidMigrationMappingSyncMessage}, whatsmeow
 *       storeLIDSyncMessage), learned into the shared map, so contacts who moved to a LID keep
 *       one conversation before they ever write to us;</li>
 *   <li>a history-sync notice: acknowledged with a {@code hist_sync} receipt as whatsmeow does
 *       (SendProtocolMessageReceipt), but not downloaded: the daemon logs messages from the
 *       moment a number is linked, and a history download is what makes peer gateways' memory
 *       spike when many numbers link at once (USER-PAINS).</li>
 * </ul>
 */
final class OwnProtocolMessages {
    private static final Logger log = LoggerFactory.getLogger(OwnProtocolMessages.class);

    private OwnProtocolMessages() {
    }

    /** Applies what {@code p} carries; true when it is a history-sync notice, which wants a {@code hist_sync} receipt. */
    static boolean apply(SignalStores stores, Message.ProtocolMessage p) {
        if (p.hasAppStateSyncKeyShare()) {
            for (Message.AppStateSyncKey k : p.getAppStateSyncKeyShare().getKeysList()) {
                if (k.hasKeyId() && k.hasKeyData()) {
                    stores.appStateKeys().put(new AppStateKeyStore.SyncKey(k.getKeyId().getKeyId().toByteArray(),
                            k.getKeyData().getKeyData().toByteArray(), k.getKeyData().getFingerprint().toByteArray(),
                            k.getKeyData().getTimestamp()));
                }
            }
        }
        if (p.hasLidMigrationMappingSyncMessage()) {
            learnLids(stores, p.getLidMigrationMappingSyncMessage().getEncodedMappingPayload().toByteArray());
        }
        return p.hasHistorySyncNotification();
    }

    private static void learnLids(SignalStores stores, byte[] payload) {
        try {
            int learned = 0;
            for (LIDMigrationMapping m : LIDMigrationMappingSyncPayload.parseFrom(payload).getPnToLidMappingsList()) {
                if (m.getPn() > 0 && m.getAssignedLid() > 0) {
                    Addressing.learn(stores, Long.toUnsignedString(m.getPn()), Long.toUnsignedString(m.getAssignedLid()));
                    learned++;
                }
            }
            log.info("our phone shared {} phone-number -> LID pairs", learned);
        } catch (InvalidProtocolBufferException e) {
            log.warn("our phone's LID mapping payload does not parse: {}", e.getMessage());
        }
    }

    /** {@code <receipt id type="hist_sync" to="our number"/>} (whatsmeow SendProtocolMessageReceipt). */
    static Node historySyncReceipt(String messageId, Jid ownJid) {
        return Node.of("receipt", Node.attrs("id", messageId, "type", "hist_sync", "to", ownJid.toNonAd()));
    }
}
