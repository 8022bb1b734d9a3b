/**
 * Internals of the Google adapter: the event JSON mapping, the access-token cache and the reading of
 * Google's error bodies. Not an API; may change without notice.
 */
package dev.avalon.google.internal;
