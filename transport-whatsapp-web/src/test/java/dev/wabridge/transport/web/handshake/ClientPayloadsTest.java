package dev.wabridge.transport.web.handshake;

import dev.wabridge.transport.web.device.Credentials;
import dev.wabridge.wire.proto.ClientPayload;
import dev.wabridge.wire.proto.DeviceProps;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The registration's DeviceProps carry whatsmeow's historySyncConfig (store/clientpayload.go),
 * field for field: official clients always send one, so a companion without it stands out.
 */
class ClientPayloadsTest {
    @Test
    void deviceParamsCarryWhatsmeowsHistorySyncConfig() throws Exception {
        ClientPayload payload = ClientPayload.parseFrom(ClientPayloads.registration(Credentials.generate(), "wabridge"));
        DeviceProps props = DeviceProps.parseFrom(payload.getDevicePairingData().getDeviceProps());
        DeviceProps.HistorySyncConfig h = props.getHistorySyncConfig();
        assertEquals(10240, h.getStorageQuotaMb());
        assertEquals(60, h.getThumbnailSyncDaysLimit());
        assertTrue(h.getInlineInitialPayloadInE2EeMsg() && h.getSupportCallLogHistory() && h.getSupportBotUserAgentChatHistory()
                && h.getSupportCagReactionsAndPolls() && h.getSupportBizHostedMsg() && h.getSupportRecentSyncChunkMessageCountTuning()
                && h.getSupportHostedGroupMsg() && h.getSupportFbidBotChatHistory() && h.getSupportMessageAssociation()
                && h.getSupportGroupHistory() && h.getSupportManusHistory() && h.getSupportHatchHistory());
        // what whatsmeow leaves unset stays unset
        assertFalse(h.hasFullSyncDaysLimit() || h.hasFullSyncSizeMbLimit() || h.hasRecentSyncDaysLimit()
                || h.hasSupportAddOnHistorySyncMigration() || h.hasOnDemandReady() || h.hasSupportGuestChat()
                || h.hasCompleteOnDemandReady() || h.hasInitialSyncMaxMessagesPerChat());
        assertFalse(props.getRequireFullSync());
    }
}
