package dev.avalon.core.finance;

import java.util.List;

/** A finance operation broke a rule of the ledger; lists every problem found, not just the first. */
public final class FinanceException extends RuntimeException {
    private final transient List<FinanceProblem> problems;

    public FinanceException(List<FinanceProblem> problems) {
        super(problems.isEmpty() ? "finance rule broken" : problems.get(0).field() + ": " + problems.get(0).problem(),
                null, false, false);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a finance exception names at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public FinanceException(String field, String problem) {
        this(List.of(new FinanceProblem(field, problem)));
    }

    public List<FinanceProblem> problems() {
        return problems;
    }
}
