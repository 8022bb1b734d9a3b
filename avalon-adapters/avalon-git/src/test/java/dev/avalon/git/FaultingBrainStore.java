package dev.avalon.git;

import dev.avalon.testkit.brain.ForwardingBrainStore;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.BrainStore;
import dev.avalon.core.port.CommitInfo;
import dev.avalon.core.port.CommitRequest;
import dev.avalon.core.port.FileChange;
import dev.avalon.core.port.RestoreResult;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A {@link BrainStore} that counts the writes ({@code apply}, {@code commit}, {@code restore}, {@code aside}) made
 * through it once {@linkplain #arm() armed} and stops the process with {@code Runtime.halt(137)} at a
 * chosen one, before or after handing it to the store it wraps: the injectable fault points of
 * {@link AvalonJaCrashTest}. Nothing runs after the halt: no finally blocks, no shutdown hooks.
 *
 * <p>Each armed write is reported on {@code out} as {@code WRITE <n> <kind>} before and
 * {@code WROTE <n> <kind> [sha]} after (the sha for a commit), and a halt as
 * {@code FAULT <n> <kind> <before|after>}, each line flushed before the next step.
 */
final class FaultingBrainStore extends ForwardingBrainStore {

    /** Whether the process stops before the write reaches the store or after the store returned. */
    enum When {
        BEFORE, AFTER;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Where to stop: the {@code write}-th armed write (from 1), before or after it.
     *
     * @param write the number of the write
     * @param when  before or after it
     */
    record Fault(int write, When when) {
        Fault {
            if (write < 1) {
                throw new IllegalArgumentException("writes count from 1");
            }
            Objects.requireNonNull(when, "when");
        }

        /** {@code 3:after}, {@code 1:before}; {@code none} for no fault. */
        static Optional<Fault> parse(String text) {
            if (text.equals("none")) {
                return Optional.empty();
            }
            String[] parts = text.split(":");
            return Optional.of(new Fault(Integer.parseInt(parts[0]), When.valueOf(parts[1].toUpperCase(Locale.ROOT))));
        }

        @Override
        public String toString() {
            return write + ":" + when.label();
        }
    }

    private final Fault fault;
    private final PrintStream out;
    private boolean armed;
    private int writes;

    /**
     * @param delegate the real store
     * @param fault    where to halt, or {@code null} never to
     * @param out      where the write lines go (flushed per line)
     */
    FaultingBrainStore(BrainStore delegate, Fault fault, PrintStream out) {
        super(delegate);
        this.fault = fault;
        this.out = Objects.requireNonNull(out, "out");
    }

    /** From now on writes are counted, reported and may halt the process. */
    synchronized void arm() {
        armed = true;
    }

    /** How many armed writes were made. */
    synchronized int writes() {
        return writes;
    }

    @Override
    public void apply(List<FileChange> changes) {
        write("apply", () -> {
            delegate().apply(changes);
            return null;
        }, null);
    }

    @Override
    public CommitInfo commit(CommitRequest request) {
        return write("commit", () -> delegate().commit(request), CommitInfo::sha);
    }

    @Override
    public RestoreResult restore(String sha) {
        return write("restore", () -> delegate().restore(sha), null);
    }

    @Override
    public RestoreResult keepAside() {
        return write("aside", () -> delegate().keepAside(), RestoreResult::asideRef);
    }

    private synchronized <T> T write(String kind, Supplier<T> op, java.util.function.Function<T, String> detail) {
        if (!armed) {
            return op.get();
        }
        int n = ++writes;
        out.println("WRITE " + n + " " + kind);
        haltIf(n, kind, When.BEFORE);
        T result = op.get();
        out.println("WROTE " + n + " " + kind + (detail == null ? "" : " " + detail.apply(result)));
        haltIf(n, kind, When.AFTER);
        return result;
    }

    private void haltIf(int n, String kind, When when) {
        if (fault != null && fault.write() == n && fault.when() == when) {
            out.println("FAULT " + n + " " + kind + " " + when.label());
            out.flush();
            Runtime.getRuntime().halt(137);
        }
    }
}
