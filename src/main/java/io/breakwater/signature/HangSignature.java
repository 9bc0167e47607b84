package io.breakwater.signature;

/**
 * Marks hang reports: {@code hang: <kind> | …} from the {@code Hang} annotation (Socorro's current form,
 * e.g. {@code hang: ui}). With Breakwater's extensions the legacy numeric {@code hang_type} is honoured
 * too: -1 gives {@code hang | …}, 1 gives {@code chromehang | …}.
 */
public final class HangSignature implements SignatureRule {

    static final int MAX_KIND_LENGTH = 40;

    private final boolean legacyHangType;

    public HangSignature(boolean legacyHangType) {
        this.legacyHangType = legacyHangType;
    }

    @Override
    public boolean predicate(CrashData crash, SignatureState state) {
        return hangKind(crash) != null || legacyPrefix(crash) != null;
    }

    @Override
    public void action(CrashData crash, SignatureState state) {
        String kind = hangKind(crash);
        String prefix = kind != null ? "hang: " + kind : legacyPrefix(crash);
        state.setSignature(name(), prefix + " | " + state.signature());
    }

    private static String hangKind(CrashData crash) {
        String hang = crash.hang();
        if (hang == null) {
            return null;
        }
        String kind = SignatureText.dropBadCharacters(hang).strip();
        if (kind.isEmpty() || kind.equals("0") || kind.equalsIgnoreCase("false")) {
            return null;
        }
        return kind.length() > MAX_KIND_LENGTH ? kind.substring(0, MAX_KIND_LENGTH) : kind;
    }

    private String legacyPrefix(CrashData crash) {
        if (!legacyHangType || crash.hangType() == null) {
            return null;
        }
        return switch (crash.hangType().strip()) {
            case "-1" -> "hang";
            case "1" -> "chromehang";
            default -> null;
        };
    }
}
