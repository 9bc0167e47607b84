package io.breakwater.signature;

import org.junit.jupiter.api.Test;

import static io.breakwater.signature.RuleTesting.annotated;
import static io.breakwater.signature.RuleTesting.apply;
import static io.breakwater.signature.RuleTesting.stateWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class SignatureIPCMessageNameTest {

    private final SignatureIPCMessageName rule = new SignatureIPCMessageName();

    @Test
    void appendsTheMessageName() {
        SignatureState state = stateWith("fooo::baar");
        apply(rule, annotated("ipc_message_name", "foo, bar"), state);
        assertEquals("fooo::baar | IPC_Message_Name=foo, bar", state.signature());
        state = stateWith("fooo::baar");
        apply(rule, annotated("IPCMessageName", "PContent::Msg_X"), state);
        assertEquals("fooo::baar | IPC_Message_Name=PContent::Msg_X", state.signature());
    }

    @Test
    void emptyNameDoesNothing() {
        assertFalse(apply(rule, annotated("ipc_message_name", ""), stateWith("x")));
    }
}
