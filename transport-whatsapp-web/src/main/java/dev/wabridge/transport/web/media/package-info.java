/**
 * WhatsApp's media servers, as far as the client downloads from them (whatsmeow mediaconn.go and
 * download.go): the hosts a {@code media_conn} query names ({@link dev.wabridge.transport.web.media.MediaConnection}),
 * and fetching a file from the first host that serves it, bounded in time and size
 * ({@link dev.wabridge.transport.web.media.MediaDownloader}). What the files hold and how they
 * are encrypted is for the callers (app state: wa-wire's {@code ExternalBlobCipher}).
 */
package dev.wabridge.transport.web.media;
