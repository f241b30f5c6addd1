package dev.wabridge.transport;

/** A linked number's profile as WhatsApp shows it. Null fields are unknown or unset. */
public record Profile(String phone, String name, String about, String businessDescription, boolean hasPicture) {
}
