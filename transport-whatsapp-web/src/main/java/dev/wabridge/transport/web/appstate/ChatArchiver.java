package dev.wabridge.transport.web.appstate;

import dev.wabridge.transport.web.services.SessionServices;
import dev.wabridge.wire.appstate.ChatActions;
import dev.wabridge.wire.binary.Jid;

import java.util.concurrent.CompletableFuture;

/**
 * Archives or unarchives the chat with a phone number (whatsmeow appstate/encode.go
 * BuildArchive sent with SendAppState; Baileys chatModify {archive}): the archive mutation (and
 * an unpin when archiving) for {@code <digits>@s.whatsapp.net} on {@code regular_low}, dated now.
 * Completes when the server accepted the patch and we read it back. Runs on the session's actor.
 */
public final class ChatArchiver {
    private final SessionServices session;
    private final PatchSender patches;

    public ChatArchiver(SessionServices session, PatchSender patches) {
        this.session = session;
        this.patches = patches;
    }

    /** {@code phone}: E.164, with or without the plus. */
    public CompletableFuture<Void> archive(String phone, boolean archived) {
        String chat = Jid.phone(phone.startsWith("+") ? phone.substring(1) : phone).toString();
        return patches.send(ChatActions.REGULAR_LOW, () -> ChatActions.archive(chat, archived, session.clock().instant()));
    }
}
