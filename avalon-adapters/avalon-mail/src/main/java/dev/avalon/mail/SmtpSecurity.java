package dev.avalon.mail;

/** How the connection to the SMTP server is protected. */
public enum SmtpSecurity {
    /** No TLS (a local relay or a test server only). */
    NONE,
    /** Plain connection upgraded with STARTTLS, which is required (usually port 587). */
    STARTTLS,
    /** TLS from the first byte (SMTPS, usually port 465). */
    SSL
}
