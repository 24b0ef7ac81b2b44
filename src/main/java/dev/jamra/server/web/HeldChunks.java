package dev.jamra.server.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Full chunks of an answer kept back while the whole answer may still be smaller than {@code limit} bytes, so that
 * it can go out in one write with its length; handed to the {@link ChunkWriter}, in order, once it cannot. Used by
 * one producer thread, as its {@link JsonBytes.Sink}.
 */
final class HeldChunks {
    private final ChunkWriter chunks;
    private final int limit;
    private final List<byte[]> kept = new ArrayList<>();
    private int bytes;

    HeldChunks(ChunkWriter chunks, int limit) {
        this.chunks = chunks;
        this.limit = limit;
    }

    /** Takes a full chunk: keeps a copy while the answer may still fit, else streams it after the kept ones. */
    byte[] full(byte[] chunk, int length) {
        if (!chunks.started() && bytes + length < limit) {
            kept.add(Arrays.copyOf(chunk, length));
            bytes += length;
            return chunk;
        }
        for (byte[] earlier : kept) {
            chunks.handOver(earlier, earlier.length);
        }
        kept.clear();
        return chunks.handOver(chunk, length);
    }

    /** The kept chunks and then {@code length} bytes of {@code last}, as one array: the whole answer. */
    byte[] whole(byte[] last, int length) {
        byte[] whole = new byte[bytes + length];
        int at = 0;
        for (byte[] earlier : kept) {
            System.arraycopy(earlier, 0, whole, at, earlier.length);
            at += earlier.length;
        }
        System.arraycopy(last, 0, whole, at, length);
        return whole;
    }
}
