package dev.jamra.server.sources;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Writes a response body into a file, and gives up with {@link TooLargeException} as soon as it grows past a cap,
 * so a huge or endless body never fills the disk. The body's size in bytes is the result.
 */
final class CappedFileSubscriber implements HttpResponse.BodySubscriber<Long> {
    private final Path target;
    private final long cap;
    private final CompletableFuture<Long> result = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private FileChannel channel;
    private long written;

    CappedFileSubscriber(Path target, long cap) {
        this.target = target;
        this.cap = cap;
    }

    /** The body passed the cap. */
    static final class TooLargeException extends IOException {
        TooLargeException(long cap) {
            super("larger than the " + cap + " bytes allowed for a page");
        }
    }

    @Override
    public CompletionStage<Long> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        try {
            channel = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            subscription.cancel();
            result.completeExceptionally(e);
            return;
        }
        subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        try {
            for (ByteBuffer buffer : buffers) {
                written += buffer.remaining();
                if (written > cap) {
                    throw new TooLargeException(cap);
                }
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
            subscription.request(1);
        } catch (IOException e) {
            subscription.cancel();
            finish(e);
        }
    }

    @Override
    public void onError(Throwable error) {
        finish(error);
    }

    @Override
    public void onComplete() {
        finish(null);
    }

    private void finish(Throwable error) {
        if (result.isDone()) {
            return;
        }
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            error = error == null ? e : error;
        }
        if (error == null) {
            result.complete(written);
        } else {
            result.completeExceptionally(error);
        }
    }
}
