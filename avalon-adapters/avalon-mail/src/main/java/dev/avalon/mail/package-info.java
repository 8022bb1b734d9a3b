/**
 * The {@link dev.avalon.core.port.MailSender}s of Avalon on Eclipse Angus Mail: iMIP invitation
 * messages (RFC 6047) sent over SMTP, or written as {@code .eml} files into a folder.
 *
 * <p>Nothing in this package is {@code null} unless it says so.
 */
package dev.avalon.mail;
