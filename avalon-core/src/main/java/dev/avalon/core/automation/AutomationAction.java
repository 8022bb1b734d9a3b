package dev.avalon.core.automation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.port.AlertLevel;

import java.util.List;
import java.util.Objects;

/**
 * What an automation does when it runs. Text fields are Mustache templates fed the run's facts
 * ({@code event}, {@code now}, {@code automation}); string values inside an ACTION's data are too.
 */
public sealed interface AutomationAction permits AutomationAction.RunAction, AutomationAction.Notify,
        AutomationAction.Email, AutomationAction.Webhook, AutomationAction.AgentTask, AutomationAction.Workflow {

    /** The wire name. */
    String type();

    /** Runs an Avalon action through the whole pipeline as the automation's caller. */
    record RunAction(String action, JsonNode data) implements AutomationAction {
        public RunAction {
            Objects.requireNonNull(action, "action");
            data = Objects.requireNonNull(data, "data").deepCopy();
        }

        @Override
        public String type() {
            return "ACTION";
        }
    }

    /** Raises an alert. */
    record Notify(AlertLevel level, String title, String message) implements AutomationAction {
        public Notify {
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String type() {
            return "NOTIFY";
        }
    }

    /** Queues a plain text mail in the automations' outbox. */
    record Email(List<String> to, String subject, String body) implements AutomationAction {
        public Email {
            to = List.copyOf(to);
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(body, "body");
        }

        @Override
        public String type() {
            return "EMAIL";
        }
    }

    /** Queues an outbound webhook call in the automations' outbox. */
    record Webhook(String url, String body) implements AutomationAction {
        public Webhook {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(body, "body");
        }

        @Override
        public String type() {
            return "WEBHOOK";
        }
    }

    /** Asks a question of kind AGENT_TASK for the model to take up. */
    record AgentTask(String prompt) implements AutomationAction {
        public AgentTask {
            Objects.requireNonNull(prompt, "prompt");
        }

        @Override
        public String type() {
            return "AGENT_TASK";
        }
    }

    /**
     * Actions run one after the other; a step that is refused is tried again on later ticks after
     * {@code backoffSeconds × 2^(attempt-1)}, at most {@code attempts} times in all, then goes to the
     * dead-letter list and the steps after it do not run.
     */
    record Workflow(List<RunAction> steps, int attempts, long backoffSeconds) implements AutomationAction {
        public Workflow {
            steps = List.copyOf(steps);
            if (steps.isEmpty() || attempts < 1 || backoffSeconds < 1) {
                throw new IllegalArgumentException("a workflow needs steps, attempts ≥ 1 and a backoff ≥ 1 s");
            }
        }

        @Override
        public String type() {
            return "WORKFLOW";
        }
    }
}
