package dev.wabridge.transport.web.handshake;

import com.google.protobuf.ByteString;
import dev.wabridge.transport.web.device.Credentials;
import dev.wabridge.transport.web.version.WaVersion;
import dev.wabridge.wire.proto.ClientPayload;
import dev.wabridge.wire.proto.DeviceProps;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The ClientPayload sent in the Noise ClientFinish (values follow whatsmeow
 * store/clientpayload.go): the WhatsApp Web user agent with the version to announce (see
 * {@code version.VersionKeeper}), then either the registration data of a new device or the
 * login of a paired one.
 */
public final class ClientPayloads {
    private ClientPayloads() {
    }

    private static ClientPayload.Builder base(WaVersion version) {
        return ClientPayload.newBuilder()
                .setUserAgent(ClientPayload.UserAgent.newBuilder()
                        .setPlatform(ClientPayload.UserAgent.Platform.WEB)
                        .setReleaseChannel(ClientPayload.UserAgent.ReleaseChannel.RELEASE)
                        .setAppVersion(ClientPayload.UserAgent.AppVersion.newBuilder()
                                .setPrimary(version.primary()).setSecondary(version.secondary()).setTertiary(version.tertiary()))
                        .setMcc("000").setMnc("000").setOsVersion("0.1").setManufacturer("").setDevice("Desktop")
                        .setOsBuildNumber("0.1").setLocaleLanguageIso6391("en").setLocaleCountryIso31661Alpha2("US"))
                .setWebInfo(ClientPayload.WebInfo.newBuilder().setWebSubPlatform(ClientPayload.WebInfo.WebSubPlatform.WEB_BROWSER))
                .setConnectType(ClientPayload.ConnectType.WIFI_UNKNOWN)
                .setConnectReason(ClientPayload.ConnectReason.USER_ACTIVATED);
    }

    /** A new device asking to be paired, announcing the compiled version. */
    public static byte[] registration(Credentials c, String deviceName) {
        return registration(c, deviceName, WaVersion.COMPILED);
    }

    /** A new device asking to be paired. */
    public static byte[] registration(Credentials c, String deviceName, WaVersion version) {
        byte[] deviceProps = DeviceProps.newBuilder().setOs(deviceName)
                .setVersion(DeviceProps.AppVersion.newBuilder().setPrimary(0).setSecondary(1).setTertiary(0))
                .setHistorySyncConfig(historySyncConfig())
                .setPlatformType(DeviceProps.PlatformType.DESKTOP).setRequireFullSync(false)
                .build().toByteArray();
        byte[] spkId = Arrays.copyOfRange(ByteBuffer.allocate(4).putInt(c.signedPreKeyId()).array(), 1, 4);
        return base(version).setPassive(false).setPull(false)
                .setDevicePairingData(ClientPayload.DevicePairingRegistrationData.newBuilder()
                        .setERegid(ByteString.copyFrom(ByteBuffer.allocate(4).putInt(c.registrationId()).array()))
                        .setEKeytype(ByteString.copyFrom(new byte[]{5}))
                        .setEIdent(ByteString.copyFrom(c.identityKey().publicKey()))
                        .setESkeyId(ByteString.copyFrom(spkId))
                        .setESkeyVal(ByteString.copyFrom(c.signedPreKey().publicKey()))
                        .setESkeySig(ByteString.copyFrom(c.signedPreKeySignature()))
                        .setBuildHash(ByteString.copyFrom(version.buildHash()))
                        .setDeviceProps(ByteString.copyFrom(deviceProps)))
                .build().toByteArray();
    }

    /** The history the companion asks for, field for field as whatsmeow's store/clientpayload.go DeviceProps. */
    static DeviceProps.HistorySyncConfig historySyncConfig() {
        return DeviceProps.HistorySyncConfig.newBuilder()
                .setStorageQuotaMb(10240).setInlineInitialPayloadInE2EeMsg(true)
                .setSupportCallLogHistory(true).setSupportBotUserAgentChatHistory(true).setSupportCagReactionsAndPolls(true)
                .setSupportBizHostedMsg(true).setSupportRecentSyncChunkMessageCountTuning(true).setSupportHostedGroupMsg(true)
                .setSupportFbidBotChatHistory(true).setSupportMessageAssociation(true).setSupportGroupHistory(true)
                .setThumbnailSyncDaysLimit(60).setSupportManusHistory(true).setSupportHatchHistory(true)
                .build();
    }

    /** A paired device logging in. */
    public static byte[] login(Credentials c, WaVersion version) {
        return base(version).setUsername(Long.parseLong(c.jid().user())).setDevice(c.jid().device())
                .setPassive(true).setPull(true).setLidDbMigrated(true).setLc(1)
                .build().toByteArray();
    }
}
