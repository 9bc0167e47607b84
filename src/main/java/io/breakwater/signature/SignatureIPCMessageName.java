package io.breakwater.signature;

/** Appends {@code | IPC_Message_Name=<name>} when the crash names the IPC message being handled. */
public final class SignatureIPCMessageName implements SignatureRule {

    @Override
    public boolean predicate(CrashData crash, SignatureState state) {
        return crash.ipcMessageName() != null;
    }

    @Override
    public void action(CrashData crash, SignatureState state) {
        state.setSignature(name(), state.signature() + " | IPC_Message_Name=" + crash.ipcMessageName());
    }
}
