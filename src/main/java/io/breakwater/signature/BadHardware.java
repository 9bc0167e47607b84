package io.breakwater.signature;

/** Prefixes {@code bad hardware} when the crash reason says the hardware failed (Windows device I/O errors). */
public final class BadHardware implements SignatureRule {

    private static final String[] BAD_HARDWARE_REASONS = {"STATUS_DEVICE_DATA_ERROR"};

    @Override
    public boolean predicate(CrashData crash, SignatureState state) {
        String reason = crash.reason();
        if (reason == null) {
            return false;
        }
        for (String bad : BAD_HARDWARE_REASONS) {
            if (reason.contains(bad)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void action(CrashData crash, SignatureState state) {
        state.setSignature(name(), "bad hardware | " + state.signature());
    }
}
