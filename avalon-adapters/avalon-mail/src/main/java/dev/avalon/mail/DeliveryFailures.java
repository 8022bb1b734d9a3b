package dev.avalon.mail;

import dev.avalon.core.port.MailDeliveryException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

import java.util.HashSet;
import java.util.Set;

/**
 * Tells a failure that a later retry may cure (no connection, a timeout, an SMTP 4xx answer) from one
 * it will not (an SMTP 5xx answer, for instance an address the server refuses, or a refused login).
 */
final class DeliveryFailures {

    private DeliveryFailures() {
    }

    static MailDeliveryException classify(MessagingException failure) {
        boolean permanent = false;
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t : chain(failure, seen)) {
            int code = returnCode(t);
            if (code >= 500 || t instanceof AuthenticationFailedException || t instanceof AddressException) {
                permanent = true;
            }
        }
        // 4xx answers, I/O failures (refused connection, timeout, unknown host) and anything unknown
        // count as transient: the outbox retries a bounded number of times and then gives up anyway.
        // One permanent cause makes the whole failure permanent: a retry would hit it again.
        boolean transientFailure = !permanent;
        return new MailDeliveryException((transientFailure ? "transient" : "permanent") + " SMTP failure: "
                + failure.getMessage(), transientFailure, failure);
    }

    private static int returnCode(Throwable t) {
        if (t instanceof SMTPAddressFailedException e) {
            return e.getReturnCode();
        }
        if (t instanceof SMTPSenderFailedException e) {
            return e.getReturnCode();
        }
        if (t instanceof SMTPSendFailedException e) {
            return e.getReturnCode();
        }
        return -1;
    }

    /** The failure, its causes and the exceptions chained with {@link MessagingException#getNextException()}. */
    private static Set<Throwable> chain(Throwable root, Set<Throwable> seen) {
        java.util.ArrayDeque<Throwable> todo = new java.util.ArrayDeque<>();
        todo.add(root);
        while (!todo.isEmpty()) {
            Throwable t = todo.poll();
            if (t == null || !seen.add(t)) {
                continue;
            }
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            if (t instanceof MessagingException m && m.getNextException() != null) {
                todo.add(m.getNextException());
            }
        }
        return seen;
    }
}
