package dev.avalon.mustache;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.reflect.MapObjectHandler;
import dev.avalon.core.port.MessageTemplates;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.util.Map;

/**
 * {@link MessageTemplates} on mustache.java. Plain text: nothing is HTML-escaped. Sandboxed: names
 * are looked up in maps only (no getters, fields or methods of values are reachable), partials
 * ({@code {{> name}}}) are refused instead of read from files or the class path, and the output is
 * capped at {@link MessageTemplates#MAX_OUTPUT} characters.
 *
 * <pre>{@code
 * String text = new MustacheMessageTemplates().render("Pot {{event.data.pot}} is at {{event.data.usedPercent}} %", facts);
 * }</pre>
 */
public final class MustacheMessageTemplates implements MessageTemplates {

    @Override
    public String render(String template, Map<String, Object> data) {
        if (template.length() > MAX_TEMPLATE) {
            throw new TemplateException("the template is longer than " + MAX_TEMPLATE + " characters");
        }
        Mustache mustache;
        try {
            mustache = new PlainFactory().compile(new StringReader(template), "message");
        } catch (MustacheException e) {
            throw new TemplateException("the template does not parse: " + e.getMessage(), e);
        }
        CappedWriter out = new CappedWriter();
        try {
            mustache.execute(out, data);
        } catch (MustacheException e) {
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof TemplateException)) {
                cause = cause.getCause();
            }
            if (cause instanceof TemplateException t) {
                throw t;
            }
            throw new TemplateException("the template could not be rendered: " + e.getMessage(), e);
        }
        return out.text.toString();
    }

    /** A factory for plain text that reads nothing but the template it is given. */
    private static final class PlainFactory extends DefaultMustacheFactory {
        PlainFactory() {
            setObjectHandler(new MapObjectHandler());
        }

        @Override
        public Reader getReader(String resourceName) {
            throw new TemplateException("partials are not available in message templates: " + resourceName);
        }

        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new MustacheException("write failed", e);
            }
        }
    }

    private static final class CappedWriter extends Writer {
        private final StringBuilder text = new StringBuilder();

        @Override
        public void write(char[] buf, int off, int len) {
            if (text.length() + len > MAX_OUTPUT) {
                throw new TemplateException("the message is longer than " + MAX_OUTPUT + " characters");
            }
            text.append(buf, off, len);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
