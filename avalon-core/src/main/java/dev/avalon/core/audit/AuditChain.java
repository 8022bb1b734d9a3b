package dev.avalon.core.audit;

import dev.avalon.core.port.BrainPath;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Seals {@link AuditRecord}s into the chain and says which year file each entry belongs in.
 *
 * <pre>{@code
 * List<AuditEntry> entries = AuditChain.chain(brain.auditHead(), clock.instant(), records);
 * for (AuditEntry e : entries) {
 *     append(AuditChain.fileFor(e.ts(), zone), e.line());
 * }
 * AuditHead newHead = entries.get(entries.size() - 1).head();
 * }</pre>
 */
public final class AuditChain {

    private AuditChain() {
    }

    /** The entry that follows {@code previous}: seq + 1, {@code prev} = its hash, hash sealed. */
    public static AuditEntry next(AuditHead previous, Instant ts, AuditRecord record) {
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(record, "record");
        // built once unsealed to compute the hash over exactly the fields that will be written
        AuditEntry unsealed = new AuditEntry(previous.seq() + 1, ts, record.type(), record.actor(),
                record.traceId(), record.data(), previous.hash(), AuditHead.GENESIS_HASH);
        return new AuditEntry(unsealed.seq(), ts, record.type(), record.actor(), record.traceId(),
                record.data(), previous.hash(), unsealed.expectedHash());
    }

    /** {@code records} sealed in order after {@code previous}, all stamped {@code ts}; empty for none. */
    public static List<AuditEntry> chain(AuditHead previous, Instant ts, List<AuditRecord> records) {
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(records, "records");
        List<AuditEntry> entries = new ArrayList<>(records.size());
        AuditHead head = previous;
        for (AuditRecord record : records) {
            AuditEntry entry = next(head, ts, record);
            entries.add(entry);
            head = entry.head();
        }
        return List.copyOf(entries);
    }

    /** The year file for a moment: {@code audit/<yyyy>.jsonl}, the year taken in {@code zone}. */
    public static BrainPath fileFor(Instant ts, ZoneId zone) {
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(zone, "zone");
        return BrainPath.of(String.format("audit/%04d.jsonl", ts.atZone(zone).getYear()));
    }
}
