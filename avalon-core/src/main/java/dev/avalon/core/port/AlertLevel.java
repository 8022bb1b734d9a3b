package dev.avalon.core.port;

/** How loudly an alert should reach the user. CRITICAL also freezes the brain (state DR). */
public enum AlertLevel { INFO, IMPORTANT, CRITICAL }
