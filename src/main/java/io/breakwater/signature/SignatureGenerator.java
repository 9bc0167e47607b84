package io.breakwater.signature;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Socorro-compatible crash signature generation: the base signature from the stack (or Java trace), then
 * the post-rules in Socorro's order, with printable-characters-only, whitespace clean-up and truncation
 * always last. Thread-safe once built; a failing rule is noted and skipped, never thrown.
 *
 * <p>{@link Options#BREAKWATER} (the default) adds Breakwater's extensions: OOM handlers of Rust, Chromium
 * and V8 (in the signature or anywhere among the normalized frames), hex addresses collapsed in abort
 * messages, and the legacy numeric {@code hang_type}.
 * {@link Options#SOCORRO} leaves them out, so with Socorro's own lists the output is Socorro's.
 */
public final class SignatureGenerator {

    /** Switches between Socorro's exact behaviour and Breakwater's extensions. */
    public record Options(boolean breakwaterExtensions) {
        public static final Options BREAKWATER = new Options(true);
        public static final Options SOCORRO = new Options(false);
    }

    private final List<SignatureRule> rules;
    private final String listSource;

    public SignatureGenerator(SignatureLists lists) {
        this(lists, Options.BREAKWATER);
    }

    public SignatureGenerator(SignatureLists lists, Options options) {
        this.rules = defaultRules(lists, options);
        this.listSource = lists.source();
    }

    /** A generator with a custom rule pipeline. */
    public SignatureGenerator(List<SignatureRule> rules) {
        this.rules = List.copyOf(rules);
        this.listSource = "custom rules";
    }

    public static SignatureGenerator socorroCompatible(SignatureLists lists) {
        return new SignatureGenerator(lists, Options.SOCORRO);
    }

    /** The default pipeline, in order. */
    public static List<SignatureRule> defaultRules(SignatureLists lists, Options options) {
        boolean extensions = options.breakwaterExtensions();
        SignatureGenerationRule generation = new SignatureGenerationRule(lists);
        List<String> oomFragments = new ArrayList<>(OOMSignature.SOCORRO_FRAGMENTS);
        List<String> oomFrameFragments = List.of();
        if (extensions) {
            oomFragments.addAll(OOMSignature.BREAKWATER_FRAGMENTS);
            oomFrameFragments = OOMSignature.BREAKWATER_FRAGMENTS;
        }
        return List.of(
                generation,
                new StackwalkerErrorSignatureRule(),
                new BadHardware(),
                new OOMSignature(oomFragments, oomFrameFragments),
                new AbortSignature(extensions),
                new SignatureShutdownTimeout(),
                new SignatureRunWatchDog(generation),
                new SignatureIPCChannelError(),
                new SignatureIPCMessageName(),
                new SignatureParentIDNotEqualsChildID(),
                new StackOverflowSignature(),
                new HangSignature(extensions),
                // These stay last, in this order.
                new SigPrintableCharsOnly(),
                new SigFixWhitespace(),
                new SigTruncate());
    }

    public List<SignatureRule> rules() {
        return rules;
    }

    /** Where the lists came from. */
    public String listSource() {
        return listSource;
    }

    public SignatureResult generate(CrashData crash) {
        SignatureState state = new SignatureState();
        for (SignatureRule rule : rules) {
            try {
                if (rule.predicate(crash, state)) {
                    rule.action(crash, state);
                }
            } catch (RuntimeException | StackOverflowError e) {
                // A bad list entry or odd input must not lose the crash: note it and go on.
                state.info(rule.name(), "Rule failed: " + e);
            }
        }
        Map<String, Object> extra = state.extra();
        @SuppressWarnings("unchecked")
        List<String> frames = (List<String>) extra.getOrDefault("normalized_frames", List.of());
        return new SignatureResult(state.signature(), state.notes(), state.debugLog(),
                (String) extra.get("proto_signature"), frames, extra);
    }
}
