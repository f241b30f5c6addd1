/**
 * The Signal protocol as WhatsApp uses it, shared by the client and the sandbox's simulated
 * phones: X3DH from prekey bundles, the Double Ratchet, sender keys for groups, the
 * {@code pkmsg}/{@code msg}/{@code skmsg} wire formats, and the typed stores (identity,
 * Signal session, prekey, signed prekey, sender key) over the transport-api key store, as in
 * libsignal's {@code storage/traits.rs}. Protocol code reaches storage only through those
 * typed stores.
 */
package dev.wabridge.wire.signal;
