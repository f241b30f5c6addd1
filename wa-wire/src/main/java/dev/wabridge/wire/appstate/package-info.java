/**
 * WhatsApp's app-state sync ("syncd": archive, mute, pin, contact names), shared by the client
 * and the sandbox: patch encode and decode, snapshots, the LT-hash, the mutation MACs and the key
 * derivation, the shape of whatsmeow's {@code appstate/} package; and the media-blob encryption of
 * snapshots and external mutations (whatsmeow download.go with MediaAppState). Versions and keys are kept
 * through the typed app-state stores over the transport-api key store.
 */
package dev.wabridge.wire.appstate;
