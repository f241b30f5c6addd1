package dev.wabridge.transport.web.messages;

import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.proto.Message;

/**
 * The two plaintexts of one text we send (whatsmeow send.go marshalMessage): the recipient's
 * devices get the {@code Message} itself, our own other devices a {@code deviceSentMessage}
 * naming the chat, so they show it as sent by us. Both unpadded.
 */
final class TextPayloads {
    private TextPayloads() {
    }

    static byte[] forRecipient(String text) {
        return Message.newBuilder().setConversation(text).build().toByteArray();
    }

    static byte[] forOwnDevices(Jid chat, String text) {
        return Message.newBuilder().setDeviceSentMessage(Message.DeviceSentMessage.newBuilder()
                .setDestinationJid(chat.toString()).setMessage(Message.newBuilder().setConversation(text))).build().toByteArray();
    }
}
