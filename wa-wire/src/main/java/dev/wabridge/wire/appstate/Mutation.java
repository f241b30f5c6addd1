package dev.wabridge.wire.appstate;

import dev.wabridge.wire.proto.SyncActionValue;
import dev.wabridge.wire.proto.SyncdMutation.SyncdOperation;

import java.util.List;

/**
 * One app-state change in the clear (whatsmeow appstate MutationInfo / Mutation; Baileys
 * WAPatchCreate): set or remove the value at an index, e.g. {@code ["archive", chat JID]} →
 * {@code archiveChatAction{archived}}, with the action's version number (a fixed number per kind
 * of action, whatsmeow encode.go Build*).
 */
public record Mutation(SyncdOperation operation, List<String> index, SyncActionValue value, int version) {
    public Mutation {
        index = List.copyOf(index);
    }

    public static Mutation set(List<String> index, SyncActionValue value, int version) {
        return new Mutation(SyncdOperation.SET, index, value, version);
    }
}
