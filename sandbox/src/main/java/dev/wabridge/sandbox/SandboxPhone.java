package dev.wabridge.sandbox;

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

    /** Unlinks every device of this phone (as "Log out" on the phone's linked devices screen). */
    public int unlinkAll() {
        return server.unlinkAll(phone);
    }
}
