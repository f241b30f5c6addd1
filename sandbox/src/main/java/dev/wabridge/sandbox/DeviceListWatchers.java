package dev.wabridge.sandbox;

import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.routing.ParticipantHash;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Who has fetched whose device list, so that a change reaches the devices that cache it: when
 * a companion links to or unlinks from an account, every device that asked usync for that
 * account's devices gets
 * {@code <notification type="devices" from lid><add|remove device_hash device_lid_hash><device
 * jid lid/><key-index-list ts/></add|remove></notification>} (the shape whatsmeow
 * notification.go handleDeviceNotification and Baileys handleDevicesNotification read; the
 * hashes are {@link ParticipantHash} of the new list in each form). WhatsApp tells the devices
 * of accounts that have the user as a contact; the sandbox keeps no contact lists, and the
 * devices that fetched the list are the ones holding a copy (docs/sandbox.md). The account's
 * own companions get {@code <notification type="account_sync"><devices dhash>} with the whole
 * list instead, as WhatsApp tells a user's devices about their own account. Also counts
 * each device's usync queries, and can be muted (a lost notification), for tests. In memory: a restarted sandbox forgets the watchers.
 *
 * <p>Usyncs arrive on every connection's event loop, links and unlinks on API threads:
 * concurrent maps and sets.
 */
final class DeviceListWatchers {
    private final ConcurrentMap<String, Set<String>> watchersByAccount = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, AtomicInteger> queries = new ConcurrentHashMap<>();
    private final StanzaRouter router;
    private final Directory directory;
    private final Clock clock;
    private final Supplier<String> ids;
    /** A fault: changes are not told (a notification lost on the way). */
    private volatile boolean muted;

    DeviceListWatchers(StanzaRouter router, Directory directory, Clock clock, Supplier<String> ids) {
        this.router = router;
        this.directory = directory;
        this.clock = clock;
        this.ids = ids;
    }

    /** {@code deviceJid} sent a usync query. */
    void queried(String deviceJid) {
        queries.computeIfAbsent(deviceJid, d -> new AtomicInteger()).incrementAndGet();
    }

    /** {@code deviceJid} was told {@code account}'s device list. */
    void fetched(String deviceJid, Account account) {
        watchersByAccount.computeIfAbsent(account.digits(), a -> ConcurrentHashMap.newKeySet()).add(deviceJid);
    }

    void mute(boolean on) {
        muted = on;
    }

    int queries(String deviceJid) {
        AtomicInteger n = queries.get(deviceJid);
        return n == null ? 0 : n.get();
    }

    /** A companion was linked (it is in the directory already). */
    void linked(Device device) {
        changed(device, "add");
    }

    /** A companion was unlinked (it is gone from the directory): it watches nothing any more. */
    void unlinked(Device device) {
        String gone = device.jid().toString();
        watchersByAccount.values().forEach(w -> w.remove(gone));
        queries.remove(gone);
        changed(device, "remove");
    }

    private void changed(Device device, String change) {
        Account account = directory.accountOf(device.jid());
        if (muted || account == null) {
            return;
        }
        // The account's own companions hear it as account_sync with the whole list (whatsmeow
        // handleOwnDevicesNotification), whether or not they fetched it; the phone linked it.
        List<Jid> own = directory.devices(account, Jid.USER_SERVER);
        Node sync = accountSync(account, own);
        for (Jid companion : own) {
            if (companion.device() != 0 && !companion.equals(device.jid())) {
                router.deliver(companion.toString(), sync);
            }
        }
        Set<String> watchers = watchersByAccount.get(account.digits());
        if (watchers == null || watchers.isEmpty()) {
            return;
        }
        Node notification = notification(account, device, change);
        for (String watcher : List.copyOf(watchers)) {
            Jid w = Jid.parse(watcher);
            if (!watcher.equals(device.jid().toString()) && !account.digits().equals(w.user())) {
                router.deliver(watcher, notification);
            }
        }
    }

    /** {@code <notification type="account_sync" from><devices dhash><device jid/>…</devices></notification>}. */
    Node accountSync(Account account, List<Jid> devices) {
        List<Node> listed = devices.stream().map(d -> Node.of("device", Node.attrs("jid", d))).toList();
        return Node.of("notification", Node.attrs("from", Jid.phone(account.digits()), "type", "account_sync",
                "id", ids.get(), "t", Long.toString(clock.instant().getEpochSecond())),
                List.of(Node.of("devices", Node.attrs("dhash", ParticipantHash.of(devices)), listed)));
    }

    Node notification(Account account, Device device, String change) {
        Jid lid = Jid.user(account.lidUser(), Jid.LID_SERVER);
        Node deviceNode = Node.of("device", Node.attrs("jid", device.jid(), "lid", lid.withDevice(device.jid().device())));
        Node body = Node.of(change, Node.attrs(
                "device_hash", ParticipantHash.of(directory.devices(account, Jid.USER_SERVER)),
                "device_lid_hash", ParticipantHash.of(directory.devices(account, Jid.LID_SERVER))),
                List.of(deviceNode, directory.keyIndexList(account)));
        return Node.of("notification", Node.attrs("from", Jid.phone(account.digits()), "lid", lid, "type", "devices",
                "id", ids.get(), "t", Long.toString(clock.instant().getEpochSecond())), List.of(body));
    }
}
