package dev.wabridge.wire.appstate;

import dev.wabridge.wire.proto.SyncdMutation;
import dev.wabridge.wire.proto.SyncdMutation.SyncdOperation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Moves a collection's LT-hash over a run of mutations (whatsmeow appstate/hash.go updateHash;
 * Baileys chat-utils.ts makeLtHashGenerator): a SET adds its value MAC; a SET or REMOVE of an
 * index that already has a value subtracts that value's MAC. The previous value is the latest
 * one earlier in the run, else the stored one. A REMOVE of an index without a value changes
 * nothing (whatsmeow warns, WhatsApp Web logs; the snapshot MAC then decides). It also keeps the
 * value MAC changes to store with the new version: hex index MAC → value MAC, null when removed.
 */
final class MacLedger {
    private final Function<byte[], Optional<byte[]>> stored;
    private final Map<String, byte[]> changes = new LinkedHashMap<>();

    /** {@code stored}: the value MAC kept for an index MAC before this run. */
    MacLedger(Function<byte[], Optional<byte[]>> stored) {
        this.stored = stored;
    }

    byte[] apply(byte[] hash, List<SyncdMutation> mutations) throws AppStateException {
        List<byte[]> subtract = new ArrayList<>();
        List<byte[]> add = new ArrayList<>();
        for (SyncdMutation m : mutations) {
            byte[] indexMac = m.getRecord().getIndex().getBlob().toByteArray();
            String key = HexFormat.of().formatHex(indexMac);
            byte[] previous = changes.containsKey(key) ? changes.get(key) : stored.apply(indexMac).orElse(null);
            if (previous != null) {
                subtract.add(previous);
            }
            if (m.getOperation() == SyncdOperation.REMOVE) {
                changes.put(key, null);
            } else {
                byte[] valueMac = MutationCipher.valueMacOf(m.getRecord());
                add.add(valueMac);
                changes.put(key, valueMac);
            }
        }
        return LtHash.subtractThenAdd(hash, subtract, add);
    }

    /** Hex index MAC → value MAC (null: removed), in the order first touched. */
    Map<String, byte[]> changes() {
        return Collections.unmodifiableMap(changes);
    }
}
