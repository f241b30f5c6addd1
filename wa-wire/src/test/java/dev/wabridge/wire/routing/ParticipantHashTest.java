package dev.wabridge.wire.routing;

import dev.wabridge.wire.binary.Jid;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The participant list hash against values derived without {@link ParticipantHash}: the one
 * WhatsApp itself ships (its token dictionary holds the hash of no device), values computed
 * with Node.js's crypto from the documented algorithm (whatsmeow send.go participantListHashV2):
 * <pre>
 * node -e 'const c=require("crypto");const h=l=>"2:"+c.createHash("sha256")
 *   .update([...l].sort().join("")).digest().subarray(0,6).toString("base64").replace(/=+$/,"");
 *   console.log(h(["34600000022.0:0@s.whatsapp.net","34600000022.0:3@s.whatsapp.net",
 *   "34600000021.0:1@s.whatsapp.net","34600000021.0:0@s.whatsapp.net"]))'
 * </pre>
 * and the same steps written out here with the JDK.
 */
class ParticipantHashTest {
    private static final List<Jid> DEVICES = List.of(Jid.parse("34600000022@s.whatsapp.net"), Jid.parse("34600000022:3@s.whatsapp.net"),
            Jid.parse("34600000021:1@s.whatsapp.net"), Jid.parse("34600000021@s.whatsapp.net"));

    @Test
    void noDeviceHashesToTheTokenInWhatsAppsDictionary() {
        assertEquals("2:47DEQpj8", ParticipantHash.of(List.of()));
    }

    @Test
    void fourDevicesOfTwoAccountsMatchTheNodeVector() {
        assertEquals("2:EdF6LBcj", ParticipantHash.of(DEVICES));
        assertEquals("2:pfp1h6YU", ParticipantHash.of(List.of(Jid.parse("123456789012345:2@lid"), Jid.parse("123456789012345@lid"))));
    }

    @Test
    void theHashIsTheDocumentedStepsAndIgnoresOrder() throws Exception {
        String joined = "34600000021.0:0@s.whatsapp.net" + "34600000021.0:1@s.whatsapp.net"
                + "34600000022.0:0@s.whatsapp.net" + "34600000022.0:3@s.whatsapp.net"; // sorted AD strings
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(joined.getBytes(StandardCharsets.US_ASCII));
        String byHand = "2:" + Base64.getEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 6));
        assertEquals(byHand, ParticipantHash.of(DEVICES));
        assertEquals(byHand, ParticipantHash.of(DEVICES.reversed()));
    }

    @Test
    void theAdStringAlwaysWritesAgentAndDevice() {
        assertEquals("34600000021.0:0@s.whatsapp.net", ParticipantHash.adString(Jid.parse("34600000021@s.whatsapp.net")));
        assertEquals("1234.0:7@lid", ParticipantHash.adString(Jid.parse("1234:7@lid")));
    }
}
