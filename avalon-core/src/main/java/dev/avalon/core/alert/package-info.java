/**
 * Alerts the user can manage: every alert raised is kept in {@code state/alerts.json}, the same code
 * about the same subject is one alert with a count while it is unacknowledged, and {@code alert.list}
 * and {@code alert.ack} read and acknowledge them. The host's {@code AlertSink} still receives each
 * alert as it is raised; this log is what a front end reads back later.
 */
package dev.avalon.core.alert;
