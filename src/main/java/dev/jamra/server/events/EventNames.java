package dev.jamra.server.events;

/**
 * Every event name that crosses the WebSocket, in both directions, as docs/PROTOCOL.md spells it.
 */
public final class EventNames {
    // server to client
    public static final String CONNECT = "connect";
    public static final String DOWNLOAD_STARTED = "download:started";
    public static final String DOWNLOAD_PROGRESS = "download:progress";
    public static final String DOWNLOAD_PAGE_COMPLETE = "download:page:complete";
    public static final String DOWNLOAD_CHAPTER_COMPLETE = "download:chapter:complete";
    public static final String DOWNLOAD_FAILED = "download:failed";
    public static final String DOWNLOAD_CANCELLED = "download:cancelled";
    public static final String LIBRARY_ITEM_ADDED = "library:item:added";
    public static final String LIBRARY_ITEM_UPDATED = "library:item:updated";
    public static final String LIBRARY_ITEM_REMOVED = "library:item:removed";
    public static final String LIBRARY_PROGRESS_UPDATED = "library:progress:updated";
    public static final String LIBRARY_UPDATE_PROGRESS = "library:update:progress";
    public static final String LIBRARY_CHAPTERS_NEW = "library:chapters:new";
    public static final String MANGA_UPDATED = "manga:updated";
    public static final String SUBSCRIPTION_ACK = "subscription:ack";
    public static final String ERROR = "error";

    // client to server
    public static final String SUBSCRIBE_DOWNLOAD = "subscribe:download";
    public static final String UNSUBSCRIBE_DOWNLOAD = "unsubscribe:download";

    private EventNames() {
    }
}
