/**
 * The scheduler: jobs, their timing in the user's zone, and the pure function that decides which
 * are due. Nothing is null unless it says so.
 */
package dev.avalon.core.schedule;
