/**
 * Meeting minutes ("notulen"): markdown saved under {@code notulen/<project>/<yyyy-mm-dd>-<slug>.md},
 * listed per project, and read for action points with commonmark-java and its task-list extension.
 * Names that come from the user become path segments only after {@link dev.avalon.core.notulen.SafeName}
 * accepted them. Nothing is {@code null} unless its documentation says so.
 */
package dev.avalon.core.notulen;
