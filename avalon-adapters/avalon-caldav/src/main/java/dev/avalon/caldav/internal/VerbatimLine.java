package dev.avalon.caldav.internal;

import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.PropertyFactory;
import net.fortuna.ical4j.validate.ValidationResult;

/**
 * A property whose value is kept and written exactly as given. For recurrence lines ({@code RRULE},
 * {@code EXRULE}, {@code RDATE}, {@code EXDATE}): ical4j's own rule type writes the parts of a rule in its
 * order, and a text property would escape the rule's semicolons. For a date-time read with a TZID
 * ({@code DTSTART}, {@code DTEND}, {@code RECURRENCE-ID}): ical4j converts the value through its own rules for
 * the zone, which misplace some transitions (ical4j#902), so the value as written is read with java.time's.
 */
final class VerbatimLine extends Property {

    private static final long serialVersionUID = 1L;

    private String value;

    VerbatimLine(String name, ParameterList parameters, String value) {
        super(name, parameters);
        this.value = value;
    }

    @Override
    public String getValue() {
        return value;
    }

    @Override
    public void setValue(String value) {
        this.value = value;
    }

    @Override
    public ValidationResult validate() {
        return ValidationResult.EMPTY;
    }

    @Override
    protected PropertyFactory<VerbatimLine> newFactory() {
        return new Factory(getName());
    }

    /** Copies of a line keep its name. */
    private record Factory(String name) implements PropertyFactory<VerbatimLine> {
        @Override
        public VerbatimLine createProperty() {
            return new VerbatimLine(name, new ParameterList(), "");
        }

        @Override
        public VerbatimLine createProperty(ParameterList parameters, String value) {
            return new VerbatimLine(name, parameters, value);
        }

        @Override
        public boolean supports(String propertyName) {
            return name.equalsIgnoreCase(propertyName);
        }
    }
}
