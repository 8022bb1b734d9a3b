package dev.avalon.core.layout;

import dev.avalon.core.port.BrainPath;

/**
 * Where things live in the brain. {@code state/} is the durable working state that is never part of
 * a consented commit; everything else is content that commits version.
 */
public final class BrainLayout {
    public static final BrainPath BEHAVIOUR = BrainPath.of("behaviour.avl");
    public static final String AUDIT_FOLDER = "audit";
    public static final String STATE_FOLDER = "state";
    public static final BrainPath QUESTIONS = BrainPath.of("state/questions.json");
    public static final BrainPath GOVERNANCE = BrainPath.of("state/governance.json");
    public static final BrainPath AUDIT_HEAD = BrainPath.of("state/audit-head.json");
    public static final BrainPath PATCH_QUEUE = BrainPath.of("state/patch-queue.json");
    /** Every alert raised, deduplicated, and whether the user acknowledged it. */
    public static final BrainPath ALERTS = BrainPath.of("state/alerts.json");
    public static final String IDEMPOTENCY_FOLDER = "state/idempotency";
    /** A consented commit not yet known to be done; present only between a JA and its recorded commit. */
    public static final BrainPath COMMIT_JOURNAL = BrainPath.of("state/commit-journal.json");
    /** The daily-entry journal, one file per ISO week: {@code state/logbook/2026-W47.json}. */
    public static final String LOGBOOK_JOURNAL_FOLDER = "state/logbook";
    /** Tasks, reminders and escalations. */
    public static final BrainPath REMINDERS = BrainPath.of("state/reminders.json");
    /** The scheduler's last runs. */
    public static final BrainPath SCHEDULER = BrainPath.of("state/scheduler.json");
    /** Computed weekly metrics, one file per ISO week: {@code state/insight/2026-W47.json}. */
    public static final String INSIGHT_FOLDER = "state/insight";
    /** The calendar's events and remote sync token. */
    public static final BrainPath CALENDAR_EVENTS = BrainPath.of("state/calendar/events.json");
    /** Event templates and how often each was used. */
    public static final BrainPath CALENDAR_TEMPLATES = BrainPath.of("state/calendar/templates.json");
    /** Invitations queued, sent or dead. */
    public static final BrainPath OUTBOX = BrainPath.of("state/outbox.json");
    /** Resumable workflows, one file per run: {@code state/workflows/weekclose-2026-W47.json}. */
    public static final String WORKFLOWS_FOLDER = "state/workflows";
    /** The weekly logbook sheets: {@code logbook/2026-W47.xlsx} (content, committed by weekclose). */
    public static final String LOGBOOK_FOLDER = "logbook";

    /** Trailer that records the audit chain head in every commit. */
    public static final String AUDIT_HEAD_TRAILER = "Avalon-Audit-Head";
    public static final String CONSENT_TRAILER = "Avalon-Consent";
    public static final String VERSION_TRAILER = "Avalon-Behaviour-Version";

    private BrainLayout() {
    }

    public static boolean isState(BrainPath path) {
        return path.isUnder(STATE_FOLDER);
    }
}
