package dev.wabridge.transport.web.messages;

import dev.wabridge.wire.proto.Message;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every kind of content a customer may send gets a line in the message log: texts as they are,
 * media and the rest described in brackets with what they say of themselves; protocol messages
 * get none.
 */
class MessageTextTest {
    private static String line(Message.Builder m) {
        return MessageText.of(m.build()).orElseThrow();
    }

    @Test
    void textsAreThemselves() {
        assertEquals("hola", line(Message.newBuilder().setConversation("hola")));
        assertEquals("see https://x.es", line(Message.newBuilder()
                .setExtendedTextMessage(Message.ExtendedTextMessage.newBuilder().setText("see https://x.es"))));
    }

    @Test
    void mediaIsDescribedWithItsCaptionNameOrLength() {
        assertEquals("[image] the broken part", line(Message.newBuilder()
                .setImageMessage(Message.ImageMessage.newBuilder().setMimetype("image/jpeg").setCaption("the broken part"))));
        assertEquals("[image]", line(Message.newBuilder().setImageMessage(Message.ImageMessage.newBuilder().setMimetype("image/jpeg"))));
        assertEquals("[video, 12 s] unboxing", line(Message.newBuilder()
                .setVideoMessage(Message.VideoMessage.newBuilder().setSeconds(12).setCaption("unboxing"))));
        assertEquals("[voice note, 7 s]", line(Message.newBuilder().setAudioMessage(Message.AudioMessage.newBuilder().setPTT(true).setSeconds(7))));
        assertEquals("[audio]", line(Message.newBuilder().setAudioMessage(Message.AudioMessage.newBuilder().setMimetype("audio/mpeg"))));
        assertEquals("[document: invoice-42.pdf] please check", line(Message.newBuilder()
                .setDocumentMessage(Message.DocumentMessage.newBuilder().setFileName("invoice-42.pdf").setCaption("please check"))));
        assertEquals("[sticker]", line(Message.newBuilder().setStickerMessage(Message.StickerMessage.newBuilder())));
    }

    @Test
    void placesContactsAndReactions() {
        assertEquals("[location: Shop, Calle Mayor 1 (40.416775, -3.703790)]", line(Message.newBuilder()
                .setLocationMessage(Message.LocationMessage.newBuilder().setName("Shop").setAddress("Calle Mayor 1")
                        .setDegreesLatitude(40.416775).setDegreesLongitude(-3.70379))));
        assertEquals("[contact: Ana López]", line(Message.newBuilder()
                .setContactMessage(Message.ContactMessage.newBuilder().setDisplayName("Ana López"))));
        assertEquals("[reaction 👍 to 3EB0AA]", line(Message.newBuilder().setReactionMessage(Message.ReactionMessage.newBuilder()
                .setText("👍").setKey(Message.MessageKey.newBuilder().setID("3EB0AA")))));
        assertEquals("[reaction removed to 3EB0AA]", line(Message.newBuilder().setReactionMessage(Message.ReactionMessage.newBuilder()
                .setKey(Message.MessageKey.newBuilder().setID("3EB0AA")))));
    }

    @Test
    void protocolMessagesHaveNoLine() {
        assertEquals(Optional.empty(), MessageText.of(Message.newBuilder().setProtocolMessage(Message.ProtocolMessage.newBuilder()
                .setType(Message.ProtocolMessage.Type.HISTORY_SYNC_NOTIFICATION)).build()));
    }
}
