/**
 * App-state sync on the client (whatsmeow appstate.go, Baileys chats.ts): bringing a
 * collection up to the server's version ({@link dev.wabridge.transport.web.appstate.CollectionSync}),
 * with its snapshot and external mutations downloaded from the media servers ({@code BlobResolver}),
 * sending a patch ({@link dev.wabridge.transport.web.appstate.PatchSender}), archiving a chat
 * ({@link dev.wabridge.transport.web.appstate.ChatArchiver}) and following other devices'
 * changes ({@link dev.wabridge.transport.web.appstate.ServerSyncHandler}). The patch formats,
 * MACs and LT-hash are wa-wire's {@code dev.wabridge.wire.appstate}.
 */
package dev.wabridge.transport.web.appstate;
