/**
 * What both ends of WhatsApp's multi-device Web protocol share, with no client or server
 * state: {@code socket} (intro header and 3-byte length frames), {@code noise} (the Noise XX
 * state machine and the node-over-Noise framing), {@code binary} (binary XML nodes, JIDs,
 * token dictionaries), {@code crypto} (X25519, XEdDSA, HKDF, AES-GCM), {@code proto} (the
 * protobuf schema, one .proto file per concern), {@code pairing} (QR and ADV formats),
 * {@code signal} and {@code appstate}. The client ({@code transport-whatsapp-web}) and the
 * local server ({@code sandbox}) both build on it; whatsmeow's {@code binary/}, {@code socket/},
 * {@code util/} and {@code appstate/} packages are the model.
 */
package dev.wabridge.wire;
