package dev.wabridge.wire.appstate;

import dev.wabridge.wire.proto.ArchiveChatAction;
import dev.wabridge.wire.proto.PinAction;
import dev.wabridge.wire.proto.SyncActionMessageRange;
import dev.wabridge.wire.proto.SyncActionValue;
import dev.wabridge.wire.proto.SyncdMutation.SyncdOperation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The chat actions wabridge writes and reads, as app-state mutations (whatsmeow
 * appstate/encode.go BuildArchive, newPinMutationInfo, newMessageRange and keys.go's index
 * names; Baileys chat-utils.ts chatModificationToAppPatch "archive").
 *
 * <p>Archive: collection {@code regular_low}, index {@code ["archive", chat JID]}, action
 * version 3, {@code archiveChatAction{archived, messageRange}}. Archiving also unpins the chat
 * with {@code ["pin_v1", chat JID]} version 5 {@code pinAction{pinned=false}}, as whatsmeow's
 * BuildArchive does (WhatsApp unpins an archived chat). The message range names the last
 * message when the caller knows it; wabridge does not track it, so, like whatsmeow when none is
 * given, it carries only the current time as the last message's timestamp.
 */
public final class ChatActions {
    /** The collection with archive and pin (whatsmeow keys.go WAPatchRegularLow). */
    public static final String REGULAR_LOW = "regular_low";
    /** Index name of archive (whatsmeow keys.go IndexArchive). */
    public static final String ARCHIVE = "archive";
    /** Index name of pin (whatsmeow keys.go IndexPin). */
    public static final String PIN = "pin_v1";
    /** Action version of archive (whatsmeow BuildArchive, Baileys apiVersion: 3). */
    static final int ARCHIVE_VERSION = 3;
    /** Action version of pin (whatsmeow newPinMutationInfo: 5). */
    static final int PIN_VERSION = 5;

    private ChatActions() {
    }

    /** The mutations that archive (or unarchive) the chat with {@code chatJid} at {@code now}. */
    public static List<Mutation> archive(String chatJid, boolean archived, Instant now) {
        SyncActionMessageRange range = SyncActionMessageRange.newBuilder().setLastMessageTimestamp(now.getEpochSecond()).build();
        List<Mutation> out = new ArrayList<>();
        out.add(Mutation.set(List.of(ARCHIVE, chatJid), SyncActionValue.newBuilder().setTimestamp(now.toEpochMilli())
                .setArchiveChatAction(ArchiveChatAction.newBuilder().setArchived(archived).setMessageRange(range)).build(), ARCHIVE_VERSION));
        if (archived) {
            out.add(Mutation.set(List.of(PIN, chatJid), SyncActionValue.newBuilder().setTimestamp(now.toEpochMilli())
                    .setPinAction(PinAction.newBuilder().setPinned(false)).build(), PIN_VERSION));
        }
        return out;
    }

    /** What a mutation says about a chat's archived state: the chat JID and archived or not; empty for other mutations. */
    public static Optional<Archived> archived(Mutation m) {
        if (m.index().size() < 2 || !ARCHIVE.equals(m.index().get(0))) {
            return Optional.empty();
        }
        boolean archived = m.operation() == SyncdOperation.SET && m.value().getArchiveChatAction().getArchived();
        return Optional.of(new Archived(m.index().get(1), archived));
    }

    /** A chat's archived state as a mutation set it. */
    public record Archived(String chatJid, boolean archived) {
    }
}
