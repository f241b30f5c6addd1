package dev.wabridge.wire.binary;

/**
 * A WhatsApp address: {@code user[.agent][:device]@server}. Servers of note:
 * s.whatsapp.net (phone numbers), lid (hidden ids), g.us (groups), broadcast, newsletter.
 */
public record Jid(String user, int agent, int device, String server) {
    public static final String USER_SERVER = "s.whatsapp.net";
    public static final String LID_SERVER = "lid";
    public static final String GROUP_SERVER = "g.us";
    public static final String INTEROP_SERVER = "interop";
    public static final Jid SERVER = new Jid(null, 0, 0, USER_SERVER);

    public Jid {
        if (server == null || server.isEmpty()) {
            throw new IllegalArgumentException("a JID needs a server");
        }
        // the agent byte of an AD-JID; an interop JID's integrator is a 16-bit number (whatsmeow types.JID.Integrator)
        if (agent < 0 || agent > (INTEROP_SERVER.equals(server) ? 0xFFFF : 255) || device < 0 || device > 0xFFFF) {
            throw new IllegalArgumentException("JID agent/device out of range");
        }
        if (user != null && user.isEmpty()) {
            user = null;
        }
    }

    public static Jid user(String user, String server) {
        return new Jid(user, 0, 0, server);
    }

    /** The JID of a phone number (digits, no +) on s.whatsapp.net. */
    public static Jid phone(String digits) {
        return new Jid(digits, 0, 0, USER_SERVER);
    }

    public Jid withDevice(int newDevice) {
        return new Jid(user, agent, newDevice, server);
    }

    /** The account without device: user@server. */
    public Jid toNonAd() {
        return new Jid(user, 0, 0, server);
    }

    public boolean isAd() {
        return agent != 0 || device != 0;
    }

    public static Jid parse(String text) {
        int at = text.indexOf('@');
        if (at < 0) {
            return new Jid(null, 0, 0, text);
        }
        String server = text.substring(at + 1);
        String userPart = text.substring(0, at);
        int device = 0;
        int agent = 0;
        int colon = userPart.indexOf(':');
        if (colon >= 0) {
            device = Integer.parseInt(userPart.substring(colon + 1));
            userPart = userPart.substring(0, colon);
        }
        int dot = userPart.indexOf('.');
        if (dot >= 0 && (server.equals(USER_SERVER) || server.equals(LID_SERVER))) {
            agent = Integer.parseInt(userPart.substring(dot + 1));
            userPart = userPart.substring(0, dot);
        }
        return new Jid(userPart, agent, device, server);
    }

    @Override
    public String toString() {
        if (user == null) {
            return server;
        }
        StringBuilder sb = new StringBuilder(user);
        if (agent != 0) {
            sb.append('.').append(agent);
        }
        if (device != 0) {
            sb.append(':').append(device);
        }
        return sb.append('@').append(server).toString();
    }
}
