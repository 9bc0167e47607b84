package io.breakwater.signature;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one frame into its signature text, following Socorro's {@code CSignatureTool.normalize_frame}:
 * <ol>
 *   <li>with a function: C/C++ or Rust (file ends in {@code .rs}) normalization: return type and
 *       qualifiers dropped, template/generic parameters collapsed to {@code <T>} (operator names such as
 *       {@code operator<=>} and trait impls {@code <A<B> as C::D>} keep their brackets), argument lists
 *       dropped, {@code `anonymous namespace'} fixed, lambda numbers and Rust hashes removed (a 16-digit
 *       {@code ::h…} hash also from Rust symbols without a {@code .rs} file), {@code :line} appended for
 *       functions on the line-number list;</li>
 *   <li>no function but file and line: {@code file#line} (file base name);</li>
 *   <li>otherwise the module name alone, without its offset (Socorro since 2024);</li>
 *   <li>no module: the first unloaded module ({@code (unloaded m)}, without offset) or {@code @0x<offset>}.</li>
 * </ol>
 */
public final class FrameNormalizer {

    /** A function longer than this is cut before normalizing: it bounds work on hostile input. */
    static final int MAX_FUNCTION_CHARS = 16 * 1024;

    private static final Pattern FIXUP_SPACE = Pattern.compile(" (?=[*&,])");
    private static final Pattern FIXUP_COMMA = Pattern.compile(",(?! )");
    private static final Pattern RUST_HASH = Pattern.compile("::h[0-9a-fA-F]+$");
    /** The legacy-mangling hash of a Rust symbol that reached the C/C++ rules (no {@code .rs} file, e.g. a PUBLIC symbol). */
    private static final Pattern RUST_LEGACY_HASH = Pattern.compile("::h[0-9a-f]{16}$");
    private static final Pattern LAMBDA_NUMBER = Pattern.compile("::\\$_\\d+::");
    private static final List<String> CV_REF_QUALIFIERS = List.of("const", "const&", "&&", "&");

    /**
     * Rust 1.34 wrote panic functions without their module path into symbol files; Socorro maps
     * (source file, function) back to the full name so the lists still apply (bug 1544246).
     */
    private static final Map<String, String> RUST_MISSING_MODULE = Map.of(
            "src/liballoc/raw_vec.rs|capacity_overflow", "alloc::raw_vec::capacity_overflow",
            "src/libcore/option.rs|expect_failed", "core::option::expect_failed",
            "src/libcore/panicking.rs|panic_bounds_check", "core::panicking::panic_bounds_check",
            "src/libcore/panicking.rs|panic_fmt", "core::panicking::panic_fmt",
            "src/libcore/panicking.rs|panic", "core::panicking::panic",
            "src/libcore/slice/mod.rs|slice_index_order_fail", "core::slice::slice_index_order_fail",
            "src/libstd/panicking.rs|begin_panic_fmt", "std::panicking::begin_panic_fmt",
            "src/libstd/panicking.rs|continue_panic_fmt", "std::panicking::continue_panic_fmt",
            "src/libstd/panicking.rs|rust_panic_with_hook", "std::panicking::rust_panic_with_hook");

    private final SignatureLists.RegexList lineNumbers;

    public FrameNormalizer(SignatureLists lists) {
        this.lineNumbers = lists.lineNumbers();
    }

    /** Normalizes one (already inline-expanded) frame. */
    public String normalize(String module, String function, String file, Integer line,
                            String moduleOffset, String offset, List<UnloadedModule> unloadedModules) {
        if (function != null && !function.isEmpty()) {
            if (function.length() > MAX_FUNCTION_CHARS) {
                function = function.substring(0, MAX_FUNCTION_CHARS);
            }
            if (isRustFile(file)) {
                return normalizeRustFunction(function, line);
            }
            return normalizeCppFunction(function, line);
        }
        if (file != null && !file.isEmpty() && line != null && line != 0) {
            return SignatureText.baseName(file) + "#" + line;
        }
        boolean noModule = module == null || module.isEmpty();
        boolean noModuleOffset = moduleOffset == null || moduleOffset.isEmpty();
        if (!noModule) {
            // Current Socorro leaves module offsets out, so one module's unsymbolicated frames group together.
            return module;
        }
        if (noModuleOffset) {
            if (unloadedModules != null && !unloadedModules.isEmpty()) {
                UnloadedModule unloaded = unloadedModules.get(0);
                if (unloaded.module() != null && !unloaded.module().isEmpty()) {
                    return "(unloaded " + unloaded.module() + ")";
                }
            }
            if (offset != null && !offset.isEmpty()) {
                return "@" + SignatureText.stripLeadingZeros(offset);
            }
            return "@";
        }
        // An offset into no named module: the only address left in a frame.
        return "@" + SignatureText.stripLeadingZeros(moduleOffset);
    }

    static boolean isRustFile(String file) {
        if (file == null || file.isEmpty()) {
            return false;
        }
        String path = SignatureText.parseSourceFile(file);
        return path != null && path.endsWith(".rs");
    }

    /** Socorro's {@code fix_missing_module}: the full path of a Rust 1.34 panic function, or the function. */
    public static String fixMissingModule(String file, String function) {
        if (file == null || function == null) {
            return function;
        }
        String fixed = RUST_MISSING_MODULE.get(SignatureText.parseSourceFile(file) + "|" + function);
        return fixed != null ? fixed : function;
    }

    public String normalizeRustFunction(String function, Integer line) {
        function = SignatureText.dropPrefixAndReturnType(function);
        function = SignatureText.collapseRustTypes(function);
        function = SignatureText.collapseArguments(function);
        function = appendLineNumber(function, line);
        function = FIXUP_SPACE.matcher(function).replaceAll("");
        function = FIXUP_COMMA.matcher(function).replaceAll(", ");
        return RUST_HASH.matcher(function).replaceAll("");
    }

    public String normalizeCppFunction(String function, Integer line) {
        for (String qualifier : CV_REF_QUALIFIERS) {
            if (function.endsWith(qualifier)) {
                function = function.substring(0, function.length() - qualifier.length()).strip();
            }
        }
        // "operator<", "operator<=>", "operator>>"...: their angle brackets are part of the name, not a template.
        OperatorNames operators = OperatorNames.mask(function);
        function = operators.masked();
        // Operator names contain delimiters ("operator<", "operator()") that confuse the tokenizer.
        if (!function.contains("::operator")) {
            function = SignatureText.dropPrefixAndReturnType(function);
        }
        function = function.replace("`anonymous namespace'", "(anonymous namespace)");
        function = LAMBDA_NUMBER.matcher(function).replaceAll("::\\$::");
        function = SignatureText.collapseCppTypes(function);
        function = SignatureText.collapseCppArguments(function);
        if (function.contains("clone .cold")) {
            function = SignatureText.collapse(function, '[', ']', "", List.of(), List.of());
        }
        function = operators.unmask(function);
        function = RUST_LEGACY_HASH.matcher(function).replaceAll("");
        function = appendLineNumber(function, line);
        function = FIXUP_SPACE.matcher(function).replaceAll("");
        return FIXUP_COMMA.matcher(function).replaceAll(", ");
    }

    /**
     * Hides the angle brackets of C++ operator names ({@code operator<}, {@code operator<<=},
     * {@code operator<=>}, {@code operator->}...) behind private-use characters while the bracket-counting
     * steps run, so they are neither template openings nor closings.
     */
    record OperatorNames(String masked, boolean active) {

        private static final Pattern OPERATOR_SYMBOL =
                Pattern.compile("(?<![A-Za-z0-9_$])operator(<<=|<=>|<<|<=|<|>>=|>>|>=|->\\*|->|>)");
        private static final char LESS = '\uE000';
        private static final char GREATER = '\uE001';

        static OperatorNames mask(String function) {
            if (function.indexOf("operator") < 0 || function.indexOf(LESS) >= 0 || function.indexOf(GREATER) >= 0) {
                return new OperatorNames(function, false);
            }
            Matcher m = OPERATOR_SYMBOL.matcher(function);
            if (!m.find()) {
                return new OperatorNames(function, false);
            }
            StringBuilder out = new StringBuilder(function);
            do {
                for (int i = m.start(1); i < m.end(1); i++) {
                    char c = out.charAt(i);
                    out.setCharAt(i, c == '<' ? LESS : c == '>' ? GREATER : c);
                }
            } while (m.find());
            return new OperatorNames(out.toString(), true);
        }

        String unmask(String text) {
            return active ? text.replace(LESS, '<').replace(GREATER, '>') : text;
        }
    }

    private String appendLineNumber(String function, Integer line) {
        // Socorro would append ":None" for a frame without line; such a frame keeps its plain name here.
        if (line != null && lineNumbers.matches(function)) {
            return function + ":" + line;
        }
        return function;
    }
}
