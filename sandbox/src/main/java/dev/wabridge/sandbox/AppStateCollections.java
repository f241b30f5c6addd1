package dev.wabridge.sandbox;

import com.google.protobuf.ByteString;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.proto.ExternalBlobReference;
import dev.wabridge.wire.proto.SyncdMutation;
import dev.wabridge.wire.proto.SyncdPatch;
import dev.wabridge.wire.proto.SyncdRecord;
import dev.wabridge.wire.proto.SyncdSnapshot;
import dev.wabridge.wire.proto.SyncdVersion;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * What WhatsApp's servers keep of each account's app state (whatsmeow appstate.go and
 * decode.go show the client side): per account and collection, the patches in order, each
 * numbered by the server (the patch a device sends carries no version; the server's copy gets
 * {@code version} = previous + 1). A patch is accepted only on top of the latest version,
 * otherwise it is a conflict (409, whatsmeow SendAppState). After a change every other device
 * of the account, the phone included, hears {@code <notification type="server_sync"><collection
 * name version/></notification>} (whatsmeow notification.go handleAppStateNotification) and
 * fetches the new patches. The server cannot read the patches; it keeps them in memory only, and
 * makes snapshots of them without reading them ({@link #snapshot}).
 *
 * <p>Called from every connection's event loop and the phone thread: one lock.
 */
final class AppStateCollections {
    /** Patches per answer before {@code has_more_patches} (a real server pages too; whatsmeow loops). */
    static final int PAGE = 20;

    /** Patches after a version: the collection's version when the page ends, and whether more follow. */
    record Page(long version, List<SyncdPatch> patches, boolean hasMore) {
    }

    private final Map<String, List<SyncdPatch>> byAccountAndName = new HashMap<>();
    private final StanzaRouter router;
    private final Directory directory;
    private final Clock clock;
    private final Supplier<String> ids;

    AppStateCollections(StanzaRouter router, Directory directory, Clock clock, Supplier<String> ids) {
        this.router = router;
        this.directory = directory;
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * Appends a patch from {@code device} built on {@code base}; its new version, or empty when
     * {@code base} is not the latest (a conflict). Then tells the account's other devices.
     */
    OptionalLong append(Jid device, String name, long base, SyncdPatch patch) {
        long version;
        synchronized (this) {
            List<SyncdPatch> patches = byAccountAndName.computeIfAbsent(key(device, name), k -> new ArrayList<>());
            if (base != patches.size()) {
                return OptionalLong.empty();
            }
            version = patches.size() + 1L;
            patches.add(patch.toBuilder().setVersion(SyncdVersion.newBuilder().setVersion(version)).build());
        }
        Node notification = Node.of("notification", Node.attrs("from", Jid.SERVER, "type", "server_sync", "id", ids.get(),
                "t", Long.toString(clock.instant().getEpochSecond())),
                List.of(Node.of("collection", Node.attrs("name", name, "version", Long.toString(version)))));
        for (String other : directory.deviceJidsOf(Jid.phone(device.user()))) {
            if (!other.equals(device.toString())) {
                router.deliver(other, notification);
            }
        }
        return OptionalLong.of(version);
    }

    /** The account's patches of a collection after {@code version}, at most {@link #PAGE}. */
    synchronized Page after(Jid device, String name, long version) {
        List<SyncdPatch> patches = byAccountAndName.getOrDefault(key(device, name), List.of());
        int from = (int) Math.min(Math.max(0, version), patches.size());
        int to = Math.min(patches.size(), from + PAGE);
        return new Page(to, List.copyOf(patches.subList(from, to)), to < patches.size());
    }

    /**
     * The account's collection at its latest version as one snapshot, made the way a server that
     * cannot read a record can make it: every record still set after the last patch (a SET
     * replaces the record of its index MAC, a REMOVE drops it), with the last patch's snapshot MAC
     * and key id, which its writer computed over the LT-hash of exactly these records at that
     * version (whatsmeow decode.go decodeSnapshot checks it so). Empty while there is no patch.
     * Patches are stored with their mutations inline (devices send them so), so all are folded.
     */
    synchronized Optional<SyncdSnapshot> snapshot(Jid device, String name) {
        List<SyncdPatch> patches = byAccountAndName.getOrDefault(key(device, name), List.of());
        if (patches.isEmpty()) {
            return Optional.empty();
        }
        Map<ByteString, SyncdRecord> records = new LinkedHashMap<>();
        for (SyncdPatch p : patches) {
            for (SyncdMutation m : p.getMutationsList()) {
                ByteString index = m.getRecord().getIndex().getBlob();
                records.remove(index); // a value set again moves to the end, as it is newest
                if (m.getOperation() == SyncdMutation.SyncdOperation.SET) {
                    records.put(index, m.getRecord());
                }
            }
        }
        SyncdPatch last = patches.get(patches.size() - 1);
        return Optional.of(SyncdSnapshot.newBuilder().setVersion(last.getVersion()).addAllRecords(records.values())
                .setMac(last.getSnapshotMac()).setKeyId(last.getKeyId()).build());
    }

    /** The answer's {@code <collection>} when the collection comes as a snapshot on the media servers (and no patch). */
    static Node snapshotCollection(String name, long version, ExternalBlobReference snapshot) {
        return Node.of("collection", Node.attrs("name", name, "version", Long.toString(version)),
                List.of(Node.of("snapshot", Map.of(), snapshot.toByteArray())));
    }

    /** The answer's {@code <collection>} for a page (a conflict adds {@code type="error"} and the error). */
    static Node collection(String name, Page page, Node error) {
        Map<String, Object> attrs = Node.attrs("name", name, "version", Long.toString(page.version()));
        if (page.hasMore()) {
            attrs.put("has_more_patches", "true");
        }
        List<Node> children = new ArrayList<>();
        if (error != null) {
            attrs.put("type", "error");
            children.add(error);
        }
        if (!page.patches().isEmpty()) {
            children.add(Node.of("patches", Map.of(), page.patches().stream()
                    .map(p -> Node.of("patch", Map.of(), p.toByteArray())).toList()));
        }
        return Node.of("collection", attrs, children.isEmpty() ? null : children);
    }

    private static String key(Jid device, String name) {
        return device.user() + "/" + name;
    }
}
