package dev.avalon.testkit.fuzz;

/** Which kind of values a generated request carries. */
public enum Mix {
    /** Every value within the action's schema, chosen so that the engines mostly accept it. */
    VALID,
    /** One value at an edge: a minimum or maximum, an empty or longest string, a leap or DST day, week 53. */
    BOUNDARY,
    /** One hostile value or shape: huge numbers, lone surrogates, control characters, wrong types, deep nesting. */
    HOSTILE
}
