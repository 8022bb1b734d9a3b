package dev.avalon.git.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes that every {@link FileCache} sharing this budget may keep together. Each git brain's
 * cache is bounded on its own, but a host that keeps thousands of brains open would multiply that
 * bound by thousands; the process's budget keeps the sum within a fixed share of the heap. A cache
 * that finds the budget spent frees its own files first and otherwise reads from the disk, which is
 * only slower: what a read returns is the same. Thread-safe.
 */
public final class FileCacheBudget {

    /** A quarter of the heap at most, and never more than 256 MiB: past that, the page cache serves as well. */
    private static final FileCacheBudget PROCESS =
            new FileCacheBudget(Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 4));

    private final long limit;
    private final AtomicLong held = new AtomicLong();

    /** @param limit the most bytes all caches on this budget keep together */
    public FileCacheBudget(long limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        this.limit = limit;
    }

    /** The budget every git brain store of the process shares. */
    public static FileCacheBudget process() {
        return PROCESS;
    }

    /** Takes {@code bytes} from the budget; false, taking nothing, when that would pass the limit. */
    boolean take(long bytes) {
        long now;
        do {
            now = held.get();
            if (now + bytes > limit) {
                return false;
            }
        } while (!held.compareAndSet(now, now + bytes));
        return true;
    }

    /** Gives back {@code bytes} taken before. */
    void give(long bytes) {
        held.addAndGet(-bytes);
    }

    /** The bytes kept now under this budget. */
    public long held() {
        return held.get();
    }

    public long limit() {
        return limit;
    }
}
