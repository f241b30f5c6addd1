package dev.wabridge.sandbox;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A simulated phone: the test API to act as the account's owner. */
public final class SandboxPhone {
    private final SandboxServer server;
    private final String phone;

    SandboxPhone(SandboxServer server, String phone) {
        this.server = server;
        this.phone = phone;
    }

    public String phone() {
        return phone;
    }

    /** "Scans" a QR string shown by a companion: links it as this phone's next device. Returns its JID. */
    public String scan(String qr) {
        return server.link(phone, qr).toString();
    }

    /** Makes this a hosted account (WhatsApp Business hosted by Meta): devices it links get hosted ADV prefixes. */
    public SandboxPhone hosted() {
        server.hostedPhones.add(phone.substring(1));
        return this;
    }

    /** Types a pairing code a companion showed (Linked devices > Link with phone number). */
    public void enterLinkCode(String code) {
        server.enterLinkCode(phone, code);
    }

    /** Makes sure this number is on the sandbox's WhatsApp (its phone online), e.g. a contact to write to. */
    public SandboxPhone register() {
        simulated().settle(); // its keys are on the server before anyone writes to it
        return this;
    }

    /** Sends a text from this phone, as its owner typing it; returns the message id. */
    public String send(String toPhone, String text) {
        return await(simulated().send(toPhone, text));
    }

    /** The phone's owner sends a photo with a caption (an {@code imageMessage}; no media behind it). */
    public String sendImage(String toPhone, String caption) {
        return await(simulated().sendImage(toPhone, caption));
    }

    private static String await(CompletableFuture<String> sent) {
        try {
            return sent.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("the sandbox phone did not send in time", e);
        }
    }

    /** Sends a text from this phone's LID (with its number in {@code sender_pn}), as WhatsApp does for LID-addressed accounts. */
    public String sendAsLid(String toPhone, String text) {
        return await(simulated().send(toPhone, text, true));
    }

    /**
     * Fetches the bundles of {@code toPhone}'s devices and starts Signal sessions with them
     * without sending anything (a first message still being typed); the next {@link #send}
     * to that number encrypts with those sessions, whatever the server holds by then.
     */
    public void startSessions(String toPhone) {
        try {
            simulated().startSessions(toPhone).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("the sandbox phone did not fetch the bundles in time", e);
        }
    }

    /** The owner's client issues the account's privacy token to {@code toPhone} without writing to it; its devices hear of it. */
    public void issuePrivacyToken(String toPhone) {
        try {
            simulated().issuePrivacyToken(toPhone).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("the sandbox phone did not issue its token in time", e);
        }
    }

    /** What this phone received and sent, oldest first, texts decrypted, with delivery status. */
    public List<Map<String, Object>> messages() {
        return simulated().messages().stream().map(e -> Map.<String, Object>of("id", e.id(), "peer", e.peer(), "text", e.text(),
                "at", e.at().toString(), "direction", e.direction(), "status", e.status())).toList();
    }

    /** How many history-sync notices a linked companion acknowledged with a {@code hist_sync} receipt. */
    public int historySyncReceipts() {
        return simulated().historySyncReceipts().size();
    }

    /**
     * The chats this phone has an archive state for, as the app-state patches of its linked
     * devices (or its own) left them: {@code [{"jid": "34…@s.whatsapp.net", "archived": true}]}.
     */
    public List<Map<String, Object>> chats() {
        return simulated().chats().entrySet().stream()
                .map(e -> Map.<String, Object>of("jid", e.getKey(), "archived", e.getValue())).toList();
    }

    /** Whether the chat with {@code chatPhone} (E.164) is archived on this phone. */
    public boolean isArchived(String chatPhone) {
        return Boolean.TRUE.equals(simulated().chats().get(chatPhone.replaceFirst("^\\+", "") + "@s.whatsapp.net"));
    }

    /** The owner archives (or unarchives) the chat with {@code chatPhone} on the phone; its linked devices hear of it. */
    public void archive(String chatPhone, boolean archived) {
        try {
            simulated().archive(chatPhone, archived).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("the sandbox phone did not archive in time", e);
        }
    }

    /** Takes the phone off the network (messages for it wait on the server) or back on. */
    public void setOnline(boolean online) {
        simulated().setOnline(online);
    }

    /** Demo behaviour: read every text shortly after it arrives and answer it. */
    public void autoReply(boolean on) {
        simulated().autoReply(on);
    }

    private SimulatedPhone simulated() {
        return server.simulatedPhone(server.account(phone));
    }

    /** Unlinks every device of this phone (as "Log out" on the phone's linked devices screen). */
    public int unlinkAll() {
        return server.unlinkAll(phone);
    }
}
