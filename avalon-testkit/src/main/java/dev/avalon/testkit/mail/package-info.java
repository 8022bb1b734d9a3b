/** A fake {@link dev.avalon.core.port.MailSender} that records what it was asked to send. */
package dev.avalon.testkit.mail;
