package io.breakwater.signature;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.breakwater.signature.RuleTesting.annotated;
import static io.breakwater.signature.RuleTesting.apply;
import static io.breakwater.signature.RuleTesting.stateWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class SignatureIPCChannelErrorTest {

    private final SignatureIPCChannelError rule = new SignatureIPCChannelError();

    @Test
    void contentProcessErrorStompsAndIsCut() {
        SignatureState state = stateWith("foo::bar");
        apply(rule, annotated("ipc_channel_error", "ipc".repeat(50)), state);
        assertEquals("IPCError-content | " + "ipc".repeat(50).substring(0, 100), state.signature());
        assertEquals(List.of("SignatureIPCChannelError: IPC Channel Error stomped on signature"), state.notes());
    }

    @Test
    void browserWhenTheBrowserDumpIsAttached() {
        SignatureState state = stateWith("foo::bar");
        apply(rule, annotated("ipc_channel_error", "ShutDownKill", "additional_minidumps",
                "upload_file_minidump_content,upload_file_minidump_browser"), state);
        assertEquals("IPCError-browser | ShutDownKill", state.signature());
    }

    @Test
    void noErrorNoChange() {
        assertFalse(apply(rule, annotated("ipc_channel_error", ""), stateWith("x")));
    }
}
