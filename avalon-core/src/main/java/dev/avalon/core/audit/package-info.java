/**
 * The audit log: an append-only, hash-chained record of everything Avalon did, stored in the brain
 * as JSON Lines, one file per year ({@code audit/<yyyy>.jsonl}).
 *
 * <p>An engine asks for an entry with an {@link dev.avalon.core.audit.AuditRecord}; the unit of work
 * scrubs it ({@link dev.avalon.core.audit.AuditScrubber}), seals it into the chain
 * ({@link dev.avalon.core.audit.AuditChain}) and appends its {@link dev.avalon.core.audit.AuditEntry#line()}
 * to the year file. Each entry carries the hash of the one before it, and every commit records the
 * chain's {@link dev.avalon.core.audit.AuditHead}, so {@link dev.avalon.core.audit.AuditVerifier} can
 * tell a flipped byte, a lost line, a cut-off tail and a rewritten history apart from an intact log.
 * A break that cannot be undone is closed by an {@link dev.avalon.core.audit.AuditSeal} entry that
 * records it with its evidence (not to be confused with the HMAC seal of
 * {@link dev.avalon.core.audit.RecordedHead}).
 *
 * <p>Everything here is pure: bytes and values in, values out. Nothing is {@code null} unless its
 * documentation says so.
 */
package dev.avalon.core.audit;
