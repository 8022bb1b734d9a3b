package dev.avalon.core.internal;

import dev.avalon.core.action.ActionDefinition;
import dev.avalon.core.action.ActionInterceptor;
import dev.avalon.core.action.ActionResult;
import dev.avalon.core.action.Invocation;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.base.Violation;
import dev.avalon.core.schema.JsonSchemas;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** (6) {@code data} matches the action's schema; every violation is reported, not the first. */
final class SchemaValidationInterceptor implements ActionInterceptor {

    private final Map<String, JsonSchemas.Compiled> schemas = new HashMap<>();

    SchemaValidationInterceptor(List<ActionDefinition> actions) {
        // compiled once: a schema compiled per request costs as much as the validation itself
        actions.forEach(def -> schemas.put(def.name(), JsonSchemas.compile(def.dataSchema())));
    }

    @Override
    public ActionResult intercept(Invocation invocation, Chain chain) {
        List<Violation> violations = schemas.get(invocation.action()).validate(invocation.request().data(), "$.data");
        if (!violations.isEmpty()) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED,
                    "data does not match the schema of " + invocation.action(), violations);
        }
        return chain.proceed(invocation);
    }
}
