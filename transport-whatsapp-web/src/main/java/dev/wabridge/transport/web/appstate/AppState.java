package dev.wabridge.transport.web.appstate;

import dev.wabridge.transport.web.media.MediaConnection;
import dev.wabridge.transport.web.media.MediaDownloader;
import dev.wabridge.transport.web.media.MediaSettings;
import dev.wabridge.transport.web.services.SessionServices;
import dev.wabridge.wire.binary.Node;

import java.util.concurrent.CompletableFuture;

/**
 * A session's app-state handlers, wired once (the session registers {@link #onServerSync} for
 * {@code server_sync} notifications and calls {@link #archive}): one {@link CollectionSync} shared
 * by the {@link PatchSender} behind the {@link ChatArchiver} and the {@link ServerSyncHandler}, so
 * syncs of a collection never overlap; its snapshots and external mutations come from the media
 * hosts of a {@link MediaConnection} through a {@link MediaDownloader}. Runs on the session's actor.
 */
public final class AppState {
    private final ChatArchiver archiver;
    private final ServerSyncHandler serverSync;
    private final MediaDownloader downloader;

    public AppState(SessionServices session, MediaSettings media) {
        MediaConnection hosts = new MediaConnection(session);
        this.downloader = new MediaDownloader(media);
        BlobResolver blobs = new BlobResolver(session, ref -> hosts.hosts().thenCompose(h -> downloader.download(h.hostnames(),
                ref.getDirectPath(), ref.getFileEncSha256().toByteArray(), MediaDownloader.APP_STATE)), media.maxBytes());
        CollectionSync sync = new CollectionSync(session, blobs);
        this.archiver = new ChatArchiver(session, new PatchSender(session, sync, PatchSender.randomIvs()));
        this.serverSync = new ServerSyncHandler(session, sync);
    }

    public CompletableFuture<Void> archive(String phone, boolean archived) {
        return archiver.archive(phone, archived);
    }

    public void onServerSync(Node notification) {
        serverSync.handle(notification);
    }

    /** The session is closed for good: its HTTP client (and selector thread), if one was made, goes now. */
    public void close() {
        downloader.close();
    }
}
