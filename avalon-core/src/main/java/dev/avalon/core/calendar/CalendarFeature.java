package dev.avalon.core.calendar;

import dev.avalon.core.governance.CommitRefusalReason;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.feature.Feature;
import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.action.ActionDefinition;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.governance.CommitPrecondition;
import dev.avalon.core.schedule.JobTiming;
import dev.avalon.core.schedule.Schedule;
import dev.avalon.core.schedule.ScheduledJob;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;

/**
 * The calendar engine as a feature: event actions, the outbox (invites and remote calendar writes) and its
 * retry job, remote sync, and the commit precondition that holds commits while invites are undelivered.
 */
public final class CalendarFeature implements Feature {

    /** An AUTO_PLAN event overlaps busy time; details name the overlaps and propose the next free slots. */
    public static final ErrorCode CALENDAR_CONFLICT = ErrorCode.of("CALENDAR_CONFLICT");
    /** A remote service (the remote calendar) failed or refused; nothing was changed in the brain. */
    public static final ErrorCode REMOTE_FAILED = ErrorCode.of("REMOTE_FAILED");
    /** iCalendar invites are waiting to be sent or have failed: commits wait until they are delivered. */
    public static final CommitRefusalReason ICS_FAILURES_PENDING = CommitRefusalReason.of("ICS_FAILURES_PENDING");


    /** The retry job's name. */
    public static final String RETRY_JOB = "ics-retry";

    /** The daily remote sync, at 06:00 local; it does nothing without a RemoteCalendar port. */
    public static final String SYNC_JOB = "calendar-sync";

    /** The job that marks ended events with a fully ticked checklist COMPLETED, shortly after midnight. */
    public static final String COMPLETE_JOB = "calendar-complete";

    @Override
    public String name() {
        return "calendar";
    }

    @Override
    public List<ActionDefinition> actions() {
        return List.of(
                ActionDefinition.fromResource("calendar.create_event",
                        RemoteWrites.queued(CalendarActions::create)),
                ActionDefinition.fromResource("calendar.update_event",
                        RemoteWrites.queued(CalendarActions::update)),
                ActionDefinition.fromResource("calendar.cancel_event",
                        RemoteWrites.queued(CalendarActions::cancel)),
                ActionDefinition.fromResource("calendar.list_events", CalendarActions::list),
                ActionDefinition.fromResource("calendar.free_slots", CalendarActions::freeSlots),
                ActionDefinition.fromResource("calendar.sync", CalendarSync::sync),
                ActionDefinition.fromResource("calendar.outbox", Invites::list),
                ActionDefinition.fromResource("calendar.outbox_retry", Invites::retry),
                ActionDefinition.fromResource("calendar.outbox_discard", Invites::discard),
                ActionDefinition.fromResource("calendar.checklist_update",
                        RemoteWrites.queued(Checklists::update)),
                ActionDefinition.fromResource("calendar.template_save", Templates::save),
                ActionDefinition.fromResource("calendar.create_from_template",
                        RemoteWrites.queued(Templates::createFrom)),
                ActionDefinition.fromResource("calendar.templates", Templates::list));
    }

    @Override
    public List<CommitPrecondition> commitPreconditions() {
        return List.of(Invites::precondition);
    }

    @Override
    public List<ScheduledJob> jobs() {
        return List.of(new ScheduledJob(RETRY_JOB, JobTiming.fixed(new Schedule.Every(Duration.ofMinutes(15))),
                        Invites::retryDue),
                new ScheduledJob(COMPLETE_JOB, JobTiming.fixed(new Schedule.Daily(LocalTime.of(0, 5))),
                        Checklists::completeEnded),
                new ScheduledJob(SYNC_JOB, JobTiming.fixed(new Schedule.Daily(LocalTime.of(6, 0))),
                        CalendarSync::daily));
    }

    @Override
    public Optional<Outcome> deliver(ActionContext context, JsonNode answer) {
        return Invites.deliver(context, answer);
    }

    @Override
    public List<ErrorCode> errorCodes() {
        return List.of(CALENDAR_CONFLICT, REMOTE_FAILED);
    }

    @Override
    public List<CommitRefusalReason> refusalReasons() {
        return List.of(ICS_FAILURES_PENDING);
    }
}
