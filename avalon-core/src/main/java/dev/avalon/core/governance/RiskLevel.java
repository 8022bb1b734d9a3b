package dev.avalon.core.governance;

/** How risky a patch is. Wire names identical; declared from least to most risky. */
public enum RiskLevel {
    LOW,
    MEDIUM,
    HIGH
}
