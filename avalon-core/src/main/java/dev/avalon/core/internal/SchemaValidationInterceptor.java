package dev.avalon.core.internal;

import dev.avalon.core.action.ActionDefinition;
import dev.avalon.core.action.ActionInterceptor;
import dev.avalon.core.action.ActionRequest;
import dev.avalon.core.action.ActionResult;
import dev.avalon.core.action.Invocation;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.base.Violation;
import dev.avalon.core.schema.InputBounds;
import dev.avalon.core.schema.JsonSchemas;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * (6) {@code data} matches the action's schema and the bounds of {@link InputBounds} (numbers, dates,
 * names); every violation is reported, not the first. Names are passed on in Unicode NFC.
 */
final class SchemaValidationInterceptor implements ActionInterceptor {

    private final Map<String, JsonSchemas.Compiled> schemas = new HashMap<>();

    SchemaValidationInterceptor(List<ActionDefinition> actions) {
        // compiled once, and shared by content with every other Avalon in the process: a schema compiled
        // per request costs as much as the validation itself, and a compiled catalogue per instance
        // was most of an open brain's heap
        actions.forEach(def -> schemas.put(def.name(), JsonSchemas.compile(def.dataSchema())));
    }

    /** The compiled schema of {@code action}'s data, for tests of the sharing. */
    JsonSchemas.Compiled schemaOf(String action) {
        return schemas.get(action);
    }

    @Override
    public ActionResult intercept(Invocation invocation, Chain chain) {
        ActionRequest request = invocation.request();
        InputBounds.Checked checked = schemas.get(invocation.action()).check(request.data(), "$.data");
        List<Violation> violations = checked.violations();
        if (!violations.isEmpty()) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED,
                    "data does not match the schema of " + invocation.action(), violations);
        }
        if (checked.data().equals(request.data())) {
            return chain.proceed(invocation);
        }
        // names travel on in NFC, so the handler stores what the checks saw
        return chain.proceed(invocation.withRequest(new ActionRequest(request.action(), checked.data(), request.meta())));
    }
}
