package dev.wabridge.transport.web.messages;

import dev.wabridge.wire.proto.Message;

import java.util.Locale;
import java.util.Optional;

/**
 * What a received message shows as one line of the message log. A text is itself; anything
 * else a customer may send is described in brackets with what it says of itself (a caption, a
 * file name, a place, a contact's name, a duration), so an agent reading the log knows a photo
 * or a voice note arrived instead of seeing nothing: {@code [image] caption}, {@code [voice
 * note, 7 s]}, {@code [document: invoice.pdf]}, {@code [location: name, address (lat, long)]},
 * {@code [contact: name]}, {@code [sticker]}, {@code [reaction 👍 to 3EB0…]}. The media itself
 * is not downloaded (docs/protocol.md, "Not yet"). Other contents (protocol messages, sender
 * keys, polls, …) have no line.
 */
final class MessageText {
    private MessageText() {
    }

    static Optional<String> of(Message m) {
        if (m.hasConversation()) {
            return Optional.of(m.getConversation());
        }
        if (m.hasExtendedTextMessage() && m.getExtendedTextMessage().hasText()) {
            return Optional.of(m.getExtendedTextMessage().getText());
        }
        if (m.hasImageMessage()) {
            return Optional.of(withCaption("[image]", m.getImageMessage().getCaption()));
        }
        if (m.hasVideoMessage()) {
            Message.VideoMessage v = m.getVideoMessage();
            return Optional.of(withCaption("[video" + seconds(v.getSeconds()) + "]", v.getCaption()));
        }
        if (m.hasAudioMessage()) {
            Message.AudioMessage a = m.getAudioMessage();
            return Optional.of("[" + (a.getPTT() ? "voice note" : "audio") + seconds(a.getSeconds()) + "]");
        }
        if (m.hasDocumentMessage()) {
            Message.DocumentMessage d = m.getDocumentMessage();
            String name = !d.getFileName().isBlank() ? d.getFileName() : d.getTitle();
            return Optional.of(withCaption(name.isBlank() ? "[document]" : "[document: " + name + "]", d.getCaption()));
        }
        if (m.hasStickerMessage()) {
            return Optional.of(m.getStickerMessage().getIsAnimated() ? "[animated sticker]" : "[sticker]");
        }
        if (m.hasLocationMessage()) {
            return Optional.of(location(m.getLocationMessage()));
        }
        if (m.hasContactMessage()) {
            String name = m.getContactMessage().getDisplayName();
            return Optional.of(name.isBlank() ? "[contact]" : "[contact: " + name + "]");
        }
        if (m.hasReactionMessage()) {
            Message.ReactionMessage r = m.getReactionMessage();
            String to = r.getKey().getID().isEmpty() ? "" : " to " + r.getKey().getID();
            return Optional.of(r.getText().isEmpty() ? "[reaction removed" + to + "]" : "[reaction " + r.getText() + to + "]");
        }
        return Optional.empty();
    }

    private static String withCaption(String tag, String caption) {
        return caption == null || caption.isBlank() ? tag : tag + " " + caption;
    }

    private static String seconds(int s) {
        return s > 0 ? ", " + s + " s" : "";
    }

    private static String location(Message.LocationMessage l) {
        StringBuilder b = new StringBuilder("[location: ");
        if (!l.getName().isBlank()) {
            b.append(l.getName()).append(", ");
        }
        if (!l.getAddress().isBlank()) {
            b.append(l.getAddress()).append(" ");
        }
        b.append(String.format(Locale.ROOT, "(%.6f, %.6f)]", l.getDegreesLatitude(), l.getDegreesLongitude()));
        return b.toString();
    }
}
