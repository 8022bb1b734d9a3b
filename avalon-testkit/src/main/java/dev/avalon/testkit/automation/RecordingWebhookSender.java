package dev.avalon.testkit.automation;

import dev.avalon.core.port.WebhookSender;

import java.util.ArrayList;
import java.util.List;

/** Records outbound webhooks instead of sending them; can be told to fail the next calls. */
public final class RecordingWebhookSender implements WebhookSender {

    /** One recorded call. */
    public record Call(String url, String body) {
    }

    private final List<Call> calls = new ArrayList<>();
    private int failures;

    @Override
    public synchronized int send(String url, String body) {
        if (failures > 0) {
            failures--;
            throw new WebhookException("503 from " + url, true);
        }
        calls.add(new Call(url, body));
        return 200;
    }

    /** The next {@code n} calls fail with a transient error. */
    public synchronized void failNext(int n) {
        failures = n;
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }
}
