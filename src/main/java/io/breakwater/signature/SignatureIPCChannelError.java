package io.breakwater.signature;

import java.util.Arrays;

/** Replaces the signature with {@code IPCError-browser|content | <error>} for IPC channel errors. */
public final class SignatureIPCChannelError implements SignatureRule {

    static final int MAX_ERROR_LENGTH = 100;

    @Override
    public boolean predicate(CrashData crash, SignatureState state) {
        return crash.ipcChannelError() != null;
    }

    @Override
    public void action(CrashData crash, SignatureState state) {
        String dumps = crash.additionalMinidumps();
        boolean browser = dumps != null
                && Arrays.stream(dumps.split(",")).map(String::strip).anyMatch("upload_file_minidump_browser"::equals);
        String error = crash.ipcChannelError();
        if (error.length() > MAX_ERROR_LENGTH) {
            error = error.substring(0, MAX_ERROR_LENGTH);
        }
        state.info(name(), "IPC Channel Error stomped on signature");
        state.setSignature(name(), (browser ? "IPCError-browser | " : "IPCError-content | ") + error);
    }
}
