package dev.jamra.server.events;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Encoding one event to its wire JSON: done once per broadcast, whatever the number of recipients. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EventCodecBenchmark {
    private final EventCodec codec = new EventCodec();
    private final DownloadProgress progress = DownloadProgress.of("3f1c9a2e-dl", "chapter-12", 7, 24, 1_736_545_554_631L);
    private final LibraryItemUpdated updated = new LibraryItemUpdated(
            new LibrarySnapshot("4e0b7f1a-lib", "one-piece", "local", "One Piece", Optional.of("http://covers/op.png"),
                    "reading", true, 1_736_545_554_631L),
            new LibraryChanges(Optional.empty(), Optional.of(true)));
    private long seq;

    @Benchmark
    public String downloadProgress() {
        return codec.encode(progress, 1_736_545_554_632L, ++seq);
    }

    @Benchmark
    public String libraryItemUpdated() {
        return codec.encode(updated, 1_736_545_554_632L, ++seq);
    }
}
