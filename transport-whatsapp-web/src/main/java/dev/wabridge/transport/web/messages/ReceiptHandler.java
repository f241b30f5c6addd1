package dev.wabridge.transport.web.messages;

import dev.wabridge.transport.TransportEvent;
import dev.wabridge.transport.TransportEvent.ReceiptType;
import dev.wabridge.transport.web.services.Acks;
import dev.wabridge.transport.web.services.SessionServices;
import dev.wabridge.transport.web.usync.DeviceCache;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.signal.store.SignalStores;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code <receipt>} for messages we sent (whatsmeow receipt.go handleReceipt, parseReceipt):
 * no type means delivered, {@code read}/{@code read-self}/{@code played} mean read; the ids
 * are the stanza's plus any {@code <list><item id/>}; {@code retry} goes to
 * {@link RetryResponder} (and a retrying device our cached device list lacks makes the next
 * send fetch that list again). Every receipt is acked, shaped by {@link Acks} (class receipt, id,
 * to, participant, recipient, type as sent). Runs on the session's actor thread.
 */
public final class ReceiptHandler {
    private final SessionServices session;
    private final RetryResponder retries;
    private final DeviceCache devices;

    public ReceiptHandler(SessionServices session, RetryResponder retries, DeviceCache devices) {
        this.session = session;
        this.retries = retries;
        this.devices = devices;
    }

    public void onReceipt(Node receipt) {
        Jid from = receipt.jidIfValid("from").orElse(null);
        if (from == null) {
            return;
        }
        String type = receipt.attr("type");
        try {
            if ("retry".equals(type)) {
                Jid device = receipt.jid("participant").orElse(from);
                devices.sawDevice(device);
                retries.onRetry(receipt, device);
            } else {
                ReceiptType kind = kind(type);
                if (kind != null && !Jid.GROUP_SERVER.equals(from.server())) {
                    Jid user = receipt.jid("participant").orElse(from);
                    String phone = "+" + phoneOf(user);
                    Instant t = timestamp(receipt);
                    for (String id : ids(receipt)) {
                        session.emit(new TransportEvent.Receipt(id, phone, kind, t));
                    }
                }
            }
        } finally {
            Acks.of(receipt).ifPresent(session::send);
        }
    }

    private static ReceiptType kind(String type) {
        if (type == null || "inactive".equals(type)) {
            return ReceiptType.DELIVERED;
        }
        return switch (type) {
            case "read", "read-self", "played", "played-self" -> ReceiptType.READ;
            default -> null; // sender, server-error, peer_msg, …: not a status change of ours
        };
    }

    private static List<String> ids(Node receipt) {
        List<String> ids = new ArrayList<>();
        if (receipt.attr("id") != null) {
            ids.add(receipt.attr("id"));
        }
        receipt.child("list").ifPresent(l -> l.children("item").forEach(i -> {
            if (i.attr("id") != null && !ids.contains(i.attr("id"))) {
                ids.add(i.attr("id"));
            }
        }));
        return ids;
    }

    private String phoneOf(Jid user) {
        if (Jid.LID_SERVER.equals(user.server())) {
            return new SignalStores(session.keys()).lids().phoneFor(user.user()).orElse(user.user());
        }
        return user.user();
    }

    private static Instant timestamp(Node n) {
        try {
            return Instant.ofEpochSecond(Long.parseLong(n.attr("t")));
        } catch (RuntimeException e) {
            return Instant.now();
        }
    }
}
