package dev.avalon.testkit.automation;

import dev.avalon.core.port.MessageTemplates;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny {@link MessageTemplates} for tests: {@code {{dotted.name}}} is replaced by the value found
 * in the maps, a missing name by nothing; sections are not supported (the Mustache adapter has them).
 * It passes {@code MessageTemplatesContract} like the Mustache adapter.
 */
public final class SimpleMessageTemplates implements MessageTemplates {

    private static final Pattern NAME = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.]+)\\s*}}");

    @Override
    public String render(String template, Map<String, Object> data) {
        if (template.length() > MAX_TEMPLATE) {
            throw new TemplateException("the template is longer than " + MAX_TEMPLATE + " characters");
        }
        if (template.replaceAll(NAME.pattern(), "").contains("{{")) {
            throw new TemplateException("the template does not parse: only {{name}} is supported");
        }
        Matcher m = NAME.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object value = data;
            for (String key : m.group(1).split("\\.")) {
                value = value instanceof Map<?, ?> map ? map.get(key) : null;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value.toString()));
            if (out.length() > MAX_OUTPUT) {
                throw new TemplateException("the message is longer than " + MAX_OUTPUT + " characters");
            }
        }
        m.appendTail(out);
        if (out.length() > MAX_OUTPUT) {
            throw new TemplateException("the message is longer than " + MAX_OUTPUT + " characters");
        }
        return out.toString();
    }
}
