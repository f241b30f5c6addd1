package dev.wabridge.transport.web.client;

import dev.wabridge.transport.SendAck;
import dev.wabridge.transport.web.device.Credentials;
import dev.wabridge.transport.web.messages.MessageReceiver;
import dev.wabridge.transport.web.messages.MessageSender;
import dev.wabridge.transport.web.messages.ReceiptHandler;
import dev.wabridge.transport.web.messages.RecentMessages;
import dev.wabridge.transport.web.messages.RetryRequests;
import dev.wabridge.transport.web.messages.RetryResponder;
import dev.wabridge.transport.web.messages.ServerAcks;
import dev.wabridge.transport.web.prekeys.BundleFetcher;
import dev.wabridge.transport.web.privacy.PrivacyTokens;
import dev.wabridge.transport.web.usync.DeviceCache;
import dev.wabridge.transport.web.usync.DeviceLists;
import dev.wabridge.transport.web.usync.DeviceNotifications;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.privacy.TokenNodes;
import dev.wabridge.wire.routing.NodeHandler;
import dev.wabridge.wire.routing.NodeRouter;

import java.util.concurrent.CompletableFuture;

/**
 * The messaging handlers of one session, built together because they share state its actor
 * owns: the device-list cache (sends read it; devices notifications, server acks whose
 * {@code phash} differs, retry receipts, incoming messages and identity changes correct it),
 * the sends waiting for their server ack, the recent texts a retry receipt resends, and the
 * contacts' privacy tokens (sends attach and issue them, notifications bring them). Also
 * registers the notifications these handlers take. Keeps {@link WebSession} to the session's
 * lifecycle.
 */
final class Messaging {
    private final SessionRuntime runtime;
    private final DeviceCache devices;
    private final DeviceNotifications deviceNotifications;
    private final ServerAcks acks;
    private final RecentMessages recent = new RecentMessages();
    private final MessageSender sender;
    private final BundleFetcher bundles;
    private final PrivacyTokens privacyTokens;

    Messaging(SessionRuntime runtime) {
        this.runtime = runtime;
        this.devices = new DeviceCache(runtime.clock());
        this.deviceNotifications = new DeviceNotifications(runtime, devices);
        this.acks = new ServerAcks(this::staleDeviceLists);
        this.bundles = new BundleFetcher(runtime);
        this.privacyTokens = new PrivacyTokens(runtime);
        this.sender = new MessageSender(runtime, new DeviceLists(runtime, devices), bundles, acks, privacyTokens);
    }

    /** Messages, receipts and acks from the server. */
    NodeRouter routes(NodeRouter router) {
        return router
                .onTag("message", new MessageReceiver(runtime, new RetryRequests(runtime), devices)::onMessage)
                .onTag("receipt", new ReceiptHandler(runtime, new RetryResponder(runtime, recent, bundles), devices)::onReceipt)
                .onTag("ack", acks::onAckNode);
    }

    /**
     * The notifications of messaging: {@code devices} and {@code account_sync} (device lists),
     * {@code privacy_token} (a contact's token), and {@code encrypt}, handled by {@code encrypt}
     * and then here too: an identity change also drops that user's device list and issues our
     * privacy token to it again.
     */
    Notifications notifications(Notifications notifications, NodeHandler encrypt) {
        return notifications
                .on("encrypt", notification -> {
                    encrypt.handle(notification);
                    deviceNotifications.onEncrypt(notification);
                    privacyTokens.onEncrypt(notification);
                })
                .on("devices", deviceNotifications::handle)
                .on("account_sync", deviceNotifications::onAccountSync)
                .on(TokenNodes.NOTIFICATION_TYPE, privacyTokens::onNotification);
    }

    CompletableFuture<SendAck> sendText(String messageId, String phone, String text) {
        recent.remember(messageId, Jid.phone(phone.startsWith("+") ? phone.substring(1) : phone), text);
        return sender.sendText(messageId, phone, text);
    }

    void socketGone() {
        acks.failAll("connection closed before the server acknowledged the message");
    }

    /**
     * The server's ack hashed other devices than we sent to. whatsmeow drops the recipient's
     * list only; the hash covers our own account's list too, so both are fetched again.
     */
    private void staleDeviceLists(Jid chat) {
        devices.forget(chat);
        Credentials creds = runtime.knownCredentials();
        if (creds != null && creds.jid() != null) {
            devices.forget(creds.jid());
        }
    }
}
