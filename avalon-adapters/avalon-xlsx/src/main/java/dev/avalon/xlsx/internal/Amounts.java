package dev.avalon.xlsx.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Amounts travel through the sheet as doubles, the only numbers a spreadsheet has. A double holds
 * every amount of whole cents below 10^13 exactly enough that {@link BigDecimal#valueOf(double)}
 * gives the same cents back; larger amounts are refused rather than rounded.
 */
final class Amounts {

    /** Exclusive bound on the size of an amount a sheet can carry exactly. */
    static final BigDecimal LIMIT = new BigDecimal("10000000000000");

    private Amounts() {
    }

    static double toCell(BigDecimal amount, String field) {
        if (amount.abs().compareTo(LIMIT) >= 0) {
            throw new IllegalArgumentException(field + " is too large for a sheet to hold exactly (limit "
                    + LIMIT.toPlainString() + "): " + amount.toPlainString());
        }
        return amount.doubleValue();
    }

    /** The cents a cell holds, or {@code null} when it is not a whole number of cents. */
    static BigDecimal fromCell(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return null;
        }
        BigDecimal exact = BigDecimal.valueOf(value);
        if (exact.stripTrailingZeros().scale() > 2) {
            return null;
        }
        return exact.setScale(2, RoundingMode.HALF_EVEN);
    }
}
