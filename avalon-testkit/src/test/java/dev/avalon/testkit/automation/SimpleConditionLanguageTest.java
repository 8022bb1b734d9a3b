package dev.avalon.testkit.automation;

import dev.avalon.core.port.ConditionLanguage;
import dev.avalon.testkit.contract.ConditionLanguageContract;

class SimpleConditionLanguageTest extends ConditionLanguageContract {
    @Override
    protected ConditionLanguage language() {
        return new SimpleConditionLanguage();
    }
}
