/**
 * Disaster recovery: what a frozen brain shows ({@code dr.status}), which committed versions are safe
 * to go back to ({@code dr.safe_versions}), and the user's way out of STATE_DR, the
 * {@code DR_RESOLUTION} question (SAFE_RESTORE, KEEP_AND_REPAIR, CANCEL). The checks themselves and the
 * restore are the kernel's; this package decides with what they report.
 * Nothing is {@code null} unless its documentation says so.
 */
package dev.avalon.core.recovery;
