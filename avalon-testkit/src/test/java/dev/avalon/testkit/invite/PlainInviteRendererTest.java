package dev.avalon.testkit.invite;

import dev.avalon.core.port.InviteRenderer;
import dev.avalon.testkit.contract.InviteRendererContract;
import org.junit.jupiter.api.DisplayName;

@DisplayName("PlainInviteRenderer keeps the InviteRenderer contract")
class PlainInviteRendererTest extends InviteRendererContract {

    @Override
    protected InviteRenderer renderer() {
        return new PlainInviteRenderer();
    }
}
