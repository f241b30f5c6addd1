package dev.wabridge.sandbox;

import dev.wabridge.wire.crypto.KeyPair;

import java.util.concurrent.atomic.AtomicInteger;

/** A WhatsApp account (a phone): its identity key signs the devices it links. */
record Account(String phone, KeyPair identity, String lidUser, AtomicInteger nextDevice) {
    String digits() {
        return phone.startsWith("+") ? phone.substring(1) : phone;
    }
}
