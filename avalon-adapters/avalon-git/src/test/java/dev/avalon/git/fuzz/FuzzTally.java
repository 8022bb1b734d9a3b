package dev.avalon.git.fuzz;

import dev.avalon.testkit.fuzz.FuzzRequest;
import dev.avalon.testkit.fuzz.Mix;
import net.jqwik.api.statistics.Statistics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts over a whole run: how many valid requests each action accepted, and, in a survey run, each
 * distinct failure class with one example. Written to {@code target/fuzz-report.txt}.
 */
final class FuzzTally {

    private final Map<String, int[]> validByAction = new TreeMap<>();
    private final Map<String, String> failures = new TreeMap<>();
    private final Map<String, Integer> failureCounts = new TreeMap<>();
    private final Map<String, String> refusals = new TreeMap<>();
    private final Map<Mix, int[]> byMix = new java.util.EnumMap<>(Mix.class);
    private final Map<String, Integer> refusalCounts = new TreeMap<>();
    private long requests;
    private long sequences;
    private final long startedNanos = System.nanoTime();
    private final boolean statistics;

    /** @param statistics whether to feed jqwik's statistics with each valid request's acceptance */
    FuzzTally(boolean statistics) {
        this.statistics = statistics;
    }

    /** Why valid requests were refused: action and error code, with the first request and answer. */
    synchronized void validRefused(FuzzRequest request, String code, String example) {
        String key = request.action() + " " + code;
        refusalCounts.merge(key, 1, Integer::sum);
        refusals.putIfAbsent(key, example);
    }

    synchronized void sent(FuzzRequest request, boolean ok) {
        requests++;
        int[] mixCounts = byMix.computeIfAbsent(request.mix(), m -> new int[2]);
        mixCounts[0]++;
        if (ok) {
            mixCounts[1]++;
        }
        if (request.mix() == Mix.VALID) {
            int[] counts = validByAction.computeIfAbsent(request.action(), a -> new int[2]);
            counts[0]++;
            if (ok) {
                counts[1]++;
            }
            if (statistics) {
                Statistics.label("valid request accepted").collect(ok);
            }
        }
    }

    synchronized void sequenceDone() {
        sequences++;
    }

    synchronized long sequences() {
        return sequences;
    }

    /** Records a failure under its class (action, input class, what went wrong) with its first example. */
    synchronized void failure(String failureClass, String example) {
        failureCounts.merge(failureClass, 1, Integer::sum);
        failures.putIfAbsent(failureClass, example);
    }

    synchronized double validAcceptance() {
        long sent = validByAction.values().stream().mapToLong(c -> c[0]).sum();
        long ok = validByAction.values().stream().mapToLong(c -> c[1]).sum();
        return sent == 0 ? 0 : (double) ok / sent;
    }

    synchronized String report() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("sequences %d, requests %d, %.1f s%n", sequences, requests,
                (System.nanoTime() - startedNanos) / 1e9));
        byMix.forEach((mix, c) -> out.append(String.format("%-8s %6d sent, %6d accepted%n", mix, c[0], c[1])));
        out.append(String.format("valid requests accepted: %.1f %%%n", 100 * validAcceptance()));
        validByAction.forEach((action, c) -> out.append(String.format("  %-36s %4d / %4d  %5.1f %%%n", action, c[1],
                c[0], 100.0 * c[1] / c[0])));
        out.append("refusals of valid requests:").append(System.lineSeparator());
        refusals.forEach((k, v) -> out.append("  ").append(k).append(" (x").append(refusalCounts.get(k)).append(") ")
                .append(v).append(System.lineSeparator()));
        out.append("failure classes: ").append(failures.size()).append(System.lineSeparator());
        failures.forEach((k, v) -> out.append("- ").append(k).append("  (x").append(failureCounts.get(k)).append(")")
                .append(System.lineSeparator()).append("    ").append(v.replace("\n", "\n    "))
                .append(System.lineSeparator()));
        return out.toString();
    }

    void write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, report(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
