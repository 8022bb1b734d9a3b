/**
 * Backups and the remote: the push of every commit to the brain's git remote (retried with backoff,
 * alerted when it keeps failing), the daily backup of the brain as a git bundle with a manifest, its
 * retention (7 daily, 4 weekly, 12 monthly, as restic's {@code forget} keeps them) and the check of
 * a backup by unpacking it. Pure: the ports {@code BrainRemote}, {@code BrainArchive} and
 * {@code BackupStore} do the I/O. Nothing is null unless it says so.
 */
package dev.avalon.core.backup;
