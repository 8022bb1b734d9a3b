package dev.avalon.core.automation;

import dev.avalon.core.event.EventPattern;

import java.util.Objects;

/** What starts an automation. */
public sealed interface Trigger permits Trigger.OnEvent, Trigger.OnSchedule, Trigger.OnWebhook, Trigger.OnCondition,
        Trigger.Manual {

    /** The wire name: EVENT, SCHEDULE, WEBHOOK, CONDITION or MANUAL. */
    String type();

    /** An event on the bus whose name the pattern takes. */
    record OnEvent(EventPattern pattern) implements Trigger {
        public OnEvent {
            Objects.requireNonNull(pattern, "pattern");
        }

        @Override
        public String type() {
            return "EVENT";
        }
    }

    /** A cron schedule in a zone, checked on every tick; missed firings fire once, late. */
    record OnSchedule(Cron cron) implements Trigger {
        public OnSchedule {
            Objects.requireNonNull(cron, "cron");
        }

        @Override
        public String type() {
            return "SCHEDULE";
        }
    }

    /** An inbound call ({@code automation.webhook}) signed with the secret the host keeps under {@code secretRef}. */
    record OnWebhook(String secretRef) implements Trigger {
        public OnWebhook {
            Objects.requireNonNull(secretRef, "secretRef");
        }

        @Override
        public String type() {
            return "WEBHOOK";
        }
    }

    /** A condition checked on every tick; fires when it turns true (not again while it stays true). */
    record OnCondition(String condition) implements Trigger {
        public OnCondition {
            Objects.requireNonNull(condition, "condition");
        }

        @Override
        public String type() {
            return "CONDITION";
        }
    }

    /** Only {@code automation.run}. */
    record Manual() implements Trigger {
        @Override
        public String type() {
            return "MANUAL";
        }
    }
}
