package dev.avalon.core.calendar;

/** Where an invite is: waiting to be (re)sent, sent, or given up on after the allowed attempts. */
public enum OutboxStatus { PENDING, SENT, DEAD }
