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
import dev.wabridge.transport.web.usync.DeviceCache;
import dev.wabridge.transport.web.usync.DeviceLists;
import dev.wabridge.transport.web.usync.DeviceNotifications;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.routing.NodeHandler;
import dev.wabridge.wire.routing.NodeRouter;

import java.util.concurrent.CompletableFuture;

/**
 * The messaging handlers of one session, built together because they share state its actor
 * owns: the device-list cache (sends read it; devices notifications, server acks whose
 * {@code phash} differs, retry receipts, incoming messages and identity changes correct it),
 * the sends waiting for their server ack, and the recent texts a retry receipt resends.
 * Keeps {@link WebSession} to the session's lifecycle.
 */
final class Messaging {
    private final SessionRuntime runtime;
    private final DeviceCache devices;
    private final DeviceNotifications deviceNotifications;
    private final ServerAcks acks;
    private final RecentMessages recent = new RecentMessages();
    private final MessageSender sender;
    private final BundleFetcher bundles;

    Messaging(SessionRuntime runtime) {
        this.runtime = runtime;
        this.devices = new DeviceCache(runtime.clock());
        this.deviceNotifications = new DeviceNotifications(runtime, devices);
        this.acks = new ServerAcks(this::staleDeviceLists);
        this.bundles = new BundleFetcher(runtime);
        this.sender = new MessageSender(runtime, new DeviceLists(runtime, devices), bundles, acks);
    }

    /** Messages, receipts and acks from the server. */
    NodeRouter routes(NodeRouter router) {
        return router
                .onTag("message", new MessageReceiver(runtime, new RetryRequests(runtime), devices)::onMessage)
                .onTag("receipt", new ReceiptHandler(runtime, new RetryResponder(runtime, recent, bundles), devices)::onReceipt)
                .onTag("ack", acks::onAckNode);
    }

    /** {@code <notification type="devices">}. */
    void onDevicesNotification(Node notification) {
        deviceNotifications.handle(notification);
    }

    /** {@code <notification type="account_sync">}: our own account's device list. */
    void onAccountSync(Node notification) {
        deviceNotifications.onAccountSync(notification);
    }

    /** Wraps the {@code encrypt} notification handler: an identity change also drops that user's device list. */
    NodeHandler alsoOnEncrypt(NodeHandler encrypt) {
        return notification -> {
            encrypt.handle(notification);
            deviceNotifications.onEncrypt(notification);
        };
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
