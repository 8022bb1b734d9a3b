package dev.avalon.core.action;

import dev.avalon.core.port.Alert;
import dev.avalon.core.question.Question;

import java.util.ArrayList;
import java.util.List;

/**
 * Questions and alerts an action caused in units of work of their own (the jobs a
 * {@code system.tick} ran), already stored and raised: its answer lists them in {@code ask} and
 * {@code alerts}, so a front end finds every question where it looks, and nothing stores them twice.
 *
 * @param asked  questions already stored
 * @param alerts alerts already raised
 */
public record Reported(List<Question> asked, List<Alert> alerts) {

    /** Nothing reported. */
    public static final Reported NONE = new Reported(List.of(), List.of());

    public Reported {
        asked = List.copyOf(asked);
        alerts = List.copyOf(alerts);
    }

    /** Both lists, this one's first. */
    public Reported plus(Reported other) {
        if (other.asked.isEmpty() && other.alerts.isEmpty()) {
            return this;
        }
        List<Question> q = new ArrayList<>(asked);
        q.addAll(other.asked);
        List<Alert> a = new ArrayList<>(alerts);
        a.addAll(other.alerts);
        return new Reported(q, a);
    }
}
