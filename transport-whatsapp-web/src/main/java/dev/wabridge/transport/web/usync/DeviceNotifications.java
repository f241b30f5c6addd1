package dev.wabridge.transport.web.usync;

import dev.wabridge.transport.web.device.Addressing;
import dev.wabridge.transport.web.services.SessionServices;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.routing.ParticipantHash;
import dev.wabridge.wire.signal.store.SignalStores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps the {@link DeviceCache} right when a user's devices change, as the server tells us
 * (whatsmeow notification.go handleDeviceNotification; Baileys messages-recv.ts
 * handleDevicesNotification): {@code <notification type="devices" from lid>} with
 * {@code <add>} or {@code <remove>} children naming {@code <device jid>} and the list's new
 * {@code device_hash}, or {@code <update>}. A cached list takes the change when its new
 * {@link ParticipantHash} equals {@code device_hash}; otherwise, and on {@code update}, it is
 * dropped (phone-number and LID forms alike) and the next send asks usync. A user we have no
 * list of is left alone: the next send fetches it anyway. Also: an {@code encrypt}
 * notification with {@code <identity/>} (the user re-registered) drops that user's list, and
 * {@code <notification type="account_sync"><devices dhash>} gives our own account's whole
 * device list (whatsmeow handleOwnDevicesNotification): kept when its hash is the announced
 * one, dropped otherwise. Runs on the session's actor thread.
 */
public final class DeviceNotifications {
    private static final Logger log = LoggerFactory.getLogger(DeviceNotifications.class);

    private final SessionServices session;
    private final DeviceCache cache;

    public DeviceNotifications(SessionServices session, DeviceCache cache) {
        this.session = session;
        this.cache = cache;
    }

    public void handle(Node notification) {
        Jid from = notification.jidIfValid("from").map(Jid::toNonAd).orElse(null);
        if (from == null || from.user() == null) {
            return;
        }
        notification.jidIfValid("lid").filter(l -> Jid.LID_SERVER.equals(l.server()) && l.user() != null)
                .filter(l -> Jid.USER_SERVER.equals(from.server()))
                .ifPresent(l -> Addressing.learn(new SignalStores(session.keys()), from.user(), l.user()));
        for (Node change : notification.children()) {
            switch (change.tag()) {
                case "add", "remove" -> apply(from, change);
                case "update" -> drop(from, "its device list was updated");
                default -> log.debug("session {}: devices notification with <{}> ignored", session.sessionId(), change.tag());
            }
        }
    }

    /** {@code <notification type="encrypt">}: an {@code <identity/>} from a user means new keys, likely new devices. */
    public void onEncrypt(Node notification) {
        if (notification.child("identity").isPresent()) {
            notification.jidIfValid("from").filter(f -> f.user() != null).ifPresent(f -> drop(f, "its identity changed"));
        }
    }

    /**
     * {@code <notification type="account_sync" from="our number or LID">}: a {@code <devices
     * dhash>} child lists every device of our account (a companion linked or unlinked on our
     * phone). Other children (privacy, picture, blocklist) are not ours to handle.
     */
    public void onAccountSync(Node notification) {
        Jid from = notification.jidIfValid("from").map(Jid::toNonAd).orElse(null);
        Jid own = session.credentials().jid();
        Jid ownLid = session.credentials().lid();
        if (from == null || own == null) {
            return;
        }
        boolean fromUs = from.user() != null && (from.user().equals(own.user())
                || ownLid != null && from.user().equals(ownLid.user()) && Jid.LID_SERVER.equals(from.server()));
        if (!fromUs) {
            log.warn("session {}: account_sync from {}, not from our own account; ignored", session.sessionId(), from);
            return;
        }
        notification.child("devices").ifPresent(devices -> {
            List<Jid> listed = new ArrayList<>();
            for (Node d : devices.children("device")) {
                d.jidIfValid("jid").filter(j -> from.user().equals(j.user())).ifPresent(listed::add);
            }
            Jid ownPn = own.toNonAd();
            if (!listed.isEmpty() && ParticipantHash.of(listed).equals(devices.attr("dhash"))) {
                List<Jid> asPn = listed.stream().map(j -> ownPn.withDevice(j.device())).toList();
                cache.put(new DeviceLists.UserDevices(ownPn, asPn,
                        ownLid == null ? Optional.empty() : Optional.of(ownLid.user())));
                log.debug("session {}: our account has {} devices", session.sessionId(), listed.size());
            } else {
                drop(ownPn, "our own device list does not match its hash " + devices.attr("dhash"));
            }
        });
    }

    private void apply(Jid from, Node change) {
        DeviceLists.UserDevices cached = cache.get(from).orElse(null);
        if (cached == null) {
            return;
        }
        Set<Integer> ids = new TreeSet<>();
        cached.devices().forEach(d -> ids.add(d.device()));
        for (Node device : change.children("device")) {
            device.jidIfValid("jid").filter(j -> from.user().equals(j.user())).ifPresent(j -> {
                if ("add".equals(change.tag())) {
                    ids.add(j.device());
                } else {
                    ids.remove(j.device());
                }
            });
        }
        List<Jid> inFromsForm = new ArrayList<>();
        List<Jid> asCached = new ArrayList<>();
        ids.forEach(id -> {
            inFromsForm.add(from.withDevice(id));
            asCached.add(cached.user().withDevice(id));
        });
        String expected = change.attr("device_hash");
        if (expected != null && expected.equals(ParticipantHash.of(inFromsForm))) {
            cache.replace(cached.user(), asCached);
            log.debug("session {}: {} devices of {} after {}", session.sessionId(), ids.size(), from, change.tag());
        } else {
            drop(from, "the device list after <" + change.tag() + "> does not match its hash " + expected);
        }
    }

    private void drop(Jid user, String why) {
        if (cache.forget(user)) {
            log.info("session {}: device list of {} dropped: {}", session.sessionId(), user, why);
        }
    }
}
