package dev.avalon.core.internal;

import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.feature.Feature;
import dev.avalon.core.governance.CommitRefusalReason;
import dev.avalon.core.question.QuestionKind;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The open registry of the names that travel on the wire: core's error codes, question kinds and
 * commit refusal reasons, plus those each feature registers. A name claimed by two features, or by a
 * feature and core, fails the build; a resolver needs a registered kind.
 *
 * @param errorCodes     every known error code and who registered it ({@code core} or a feature's name)
 * @param questionKinds  every known question kind and who registered it
 * @param refusalReasons every known commit refusal reason and who registered it
 */
record Vocabulary(Map<ErrorCode, String> errorCodes, Map<QuestionKind, String> questionKinds,
                  Map<CommitRefusalReason, String> refusalReasons) {

    static Vocabulary of(List<Feature> features) {
        return new Vocabulary(collect(ErrorCode.core(), features, Feature::errorCodes, "error code"),
                collect(QuestionKind.core(), features, Feature::questionKinds, "question kind"),
                collect(CommitRefusalReason.core(), features, Feature::refusalReasons, "refusal reason"));
    }

    private static <T> Map<T, String> collect(List<T> core, List<Feature> features,
                                              Function<Feature, List<T>> registered, String what) {
        Map<T, String> owners = new LinkedHashMap<>();
        core.forEach(name -> owners.put(name, "core"));
        for (Feature feature : features) {
            for (T name : registered.apply(feature)) {
                String before = owners.putIfAbsent(name, feature.name());
                if (before != null) {
                    throw new IllegalArgumentException("the " + what + " " + name + " of " + feature.name()
                            + " is registered by " + before + " already");
                }
            }
        }
        return Map.copyOf(owners);
    }

    /** Fails when a resolver is registered for a kind nobody registered. */
    void requireKnownKinds(Set<QuestionKind> resolved) {
        for (QuestionKind kind : resolved) {
            if (!questionKinds.containsKey(kind)) {
                throw new IllegalArgumentException("a resolver for " + kind + " is registered, but no feature "
                        + "registers that question kind (Feature.questionKinds)");
            }
        }
    }
}
