package dev.wabridge.wire.appstate;

import dev.wabridge.wire.proto.SyncActionValue;
import dev.wabridge.wire.proto.SyncdMutation.SyncdOperation;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Archive as whatsmeow's BuildArchive writes it: the archive mutation, and an unpin when archiving. */
class ChatActionsTest {
    private static final Instant AT = Instant.parse("2025-01-01T10:00:00.250Z");

    @Test
    void archivingAlsoUnpins() {
        List<Mutation> m = ChatActions.archive("1@s.whatsapp.net", true, AT);
        assertEquals(2, m.size());
        assertEquals(List.of("archive", "1@s.whatsapp.net"), m.get(0).index());
        assertEquals(3, m.get(0).version());
        assertEquals(AT.toEpochMilli(), m.get(0).value().getTimestamp());
        assertEquals(AT.getEpochSecond(), m.get(0).value().getArchiveChatAction().getMessageRange().getLastMessageTimestamp());
        assertEquals(0, m.get(0).value().getArchiveChatAction().getMessageRange().getMessagesCount());
        assertEquals(List.of("pin_v1", "1@s.whatsapp.net"), m.get(1).index());
        assertEquals(5, m.get(1).version());
        assertFalse(m.get(1).value().getPinAction().getPinned());
        assertEquals(new ChatActions.Archived("1@s.whatsapp.net", true), ChatActions.archived(m.get(0)).orElseThrow());
        assertEquals(Optional.empty(), ChatActions.archived(m.get(1)));
    }

    @Test
    void unarchivingIsOneMutationAndARemoveReadsAsNotArchived() {
        List<Mutation> m = ChatActions.archive("1@s.whatsapp.net", false, AT);
        assertEquals(1, m.size());
        assertEquals(new ChatActions.Archived("1@s.whatsapp.net", false), ChatActions.archived(m.get(0)).orElseThrow());
        Mutation removed = new Mutation(SyncdOperation.REMOVE, List.of("archive", "2@s.whatsapp.net"), SyncActionValue.getDefaultInstance(), 3);
        assertEquals(new ChatActions.Archived("2@s.whatsapp.net", false), ChatActions.archived(removed).orElseThrow());
    }
}
