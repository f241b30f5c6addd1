package dev.wabridge.transport.web.privacy;

import dev.wabridge.sandbox.SandboxPhone;
import dev.wabridge.testkit.Eventually;
import dev.wabridge.transport.TransportEvent;
import dev.wabridge.transport.TransportException;
import dev.wabridge.transport.TransportSession;
import dev.wabridge.transport.web.support.SandboxSessions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Privacy tokens through the sandbox with its fault on (new 1:1 chats need the contact's
 * token): a first message to a new contact is refused with 463 and not sent again; once the
 * contact wrote to us (its client issued its token, which the server passed on in a
 * {@code privacy_token} notification) or issued its token without writing, our next message
 * carries it as {@code <tctoken>} and goes through, and our own token is issued to the contact
 * after that send.
 */
class PrivacyTokensThroughSandboxTest {
    private static final String OWN = "+34600000041";
    private static final String CONTACT = "+34699000041";

    private SandboxSessions fixture;
    private TransportSession session;
    private SandboxPhone contact;

    @BeforeEach
    void link() throws Exception {
        fixture = SandboxSessions.start();
        session = fixture.open(Map.of());
        fixture.pair(session, OWN);
        contact = fixture.sandbox().phone(CONTACT).register();
        fixture.sandbox().requirePrivacyTokens(true);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private void send(String text) throws Exception {
        session.sendText(session.newMessageId(), CONTACT, text).get(10, TimeUnit.SECONDS);
    }

    private boolean holdsAToken() {
        return !fixture.keys().keys(PrivacyTokenStore.NAMESPACE).isEmpty();
    }

    @Test
    void withoutTheContactsTokenANewChatIsRefusedAndWithItTheMessageGoesThrough() throws Exception {
        ExecutionException refused = assertThrows(ExecutionException.class, () -> send("hello stranger"));
        TransportException why = assertInstanceOf(TransportException.class, refused.getCause());
        assertEquals(TransportException.Limit.RESTRICTION, why.limit(), why.getMessage());
        assertTrue(why.getMessage().contains("463"), why.getMessage());
        assertTrue(contact.messages().isEmpty(), "the server did not route it");
        assertTrue(fixture.sandbox().privacyTokenIssuedAt(OWN, CONTACT).isEmpty(), "no token of ours after a refused send");

        contact.send(OWN, "hi, it's me");
        assertEquals("hi, it's me", fixture.next(TransportEvent.IncomingMessage.class).text());
        Eventually.until("the contact's token is stored", this::holdsAToken);

        send("nice to hear from you");
        Eventually.until("the phone got it", () -> contact.messages().stream().anyMatch(m -> "nice to hear from you".equals(m.get("text"))));
        Eventually.until("our token went to the contact after the send",
                () -> fixture.sandbox().privacyTokenIssuedAt(OWN, CONTACT).isPresent());
    }

    @Test
    void aTokenIssuedWithoutAMessageOpensTheChatToo() throws Exception {
        contact.issuePrivacyToken(OWN);
        Eventually.until("the contact's token is stored", this::holdsAToken);
        send("thanks for the token");
        Eventually.until("the phone got it", () -> contact.messages().stream().anyMatch(m -> "thanks for the token".equals(m.get("text"))));
    }
}
