package dev.avalon.caldav.internal;

import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.PropertyFactory;
import net.fortuna.ical4j.validate.ValidationResult;

/**
 * A recurrence property ({@code RRULE}, {@code EXRULE}, {@code RDATE}, {@code EXDATE}) whose value is written
 * exactly as given: ical4j's own rule type writes the parts of a rule in its order, and a text property would
 * escape the rule's semicolons.
 */
final class RecurrenceLine extends Property {

    private static final long serialVersionUID = 1L;

    private String value;

    RecurrenceLine(String name, ParameterList parameters, String value) {
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
    protected PropertyFactory<RecurrenceLine> newFactory() {
        return new Factory(getName());
    }

    /** Copies of a line keep its name. */
    private record Factory(String name) implements PropertyFactory<RecurrenceLine> {
        @Override
        public RecurrenceLine createProperty() {
            return new RecurrenceLine(name, new ParameterList(), "");
        }

        @Override
        public RecurrenceLine createProperty(ParameterList parameters, String value) {
            return new RecurrenceLine(name, parameters, value);
        }

        @Override
        public boolean supports(String propertyName) {
            return name.equalsIgnoreCase(propertyName);
        }
    }
}
