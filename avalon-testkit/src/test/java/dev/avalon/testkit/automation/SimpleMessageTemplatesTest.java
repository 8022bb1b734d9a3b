package dev.avalon.testkit.automation;

import dev.avalon.core.port.MessageTemplates;
import dev.avalon.testkit.contract.MessageTemplatesContract;

class SimpleMessageTemplatesTest extends MessageTemplatesContract {
    @Override
    protected MessageTemplates templates() {
        return new SimpleMessageTemplates();
    }
}
