package io.breakwater.signature;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns one frame into its signature text, following Socorro's {@code CSignatureTool.normalize_frame}:
 * <ol>
 *   <li>with a function: C/C++ or Rust (file ends in {@code .rs}) normalization: return type and
 *       qualifiers dropped, template/generic parameters collapsed to {@code <T>}, argument lists dropped,
 *       {@code `anonymous namespace'} fixed, lambda numbers and Rust hashes removed, {@code :line}
 *       appended for functions on the line-number list;</li>
 *   <li>no function but file and line: {@code file#line} (file base name);</li>
 *   <li>no module: the first unloaded module ({@code (unloaded m@0x…)}) or {@code @0x<offset>};</li>
 *   <li>otherwise {@code module@0x<module_offset>}.</li>
 * </ol>
 */
public final class FrameNormalizer {

    /** A function longer than this is cut before normalizing: it bounds work on hostile input. */
    static final int MAX_FUNCTION_CHARS = 16 * 1024;

    private static final Pattern FIXUP_SPACE = Pattern.compile(" (?=[*&,])");
    private static final Pattern FIXUP_COMMA = Pattern.compile(",(?! )");
    private static final Pattern RUST_HASH = Pattern.compile("::h[0-9a-fA-F]+$");
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
        if (noModule && noModuleOffset) {
            if (unloadedModules != null && !unloadedModules.isEmpty()) {
                UnloadedModule unloaded = unloadedModules.get(0);
                if (unloaded.module() != null && !unloaded.module().isEmpty()) {
                    if (!unloaded.offsets().isEmpty()) {
                        return "(unloaded " + unloaded.module() + "@"
                                + SignatureText.stripLeadingZeros(unloaded.offsets().get(0)) + ")";
                    }
                    return "(unloaded " + unloaded.module() + ")";
                }
            }
            if (offset != null && !offset.isEmpty()) {
                return "@" + SignatureText.stripLeadingZeros(offset);
            }
        }
        // Socorro prints a missing module offset as "None"; an empty offset reads better and groups the same.
        String renderedOffset = noModuleOffset ? "" : SignatureText.stripLeadingZeros(moduleOffset);
        return (noModule ? "" : module) + "@" + renderedOffset;
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
        function = appendLineNumber(function, line);
        function = FIXUP_SPACE.matcher(function).replaceAll("");
        return FIXUP_COMMA.matcher(function).replaceAll(", ");
    }

    private String appendLineNumber(String function, Integer line) {
        // Socorro would append ":None" for a frame without line; such a frame keeps its plain name here.
        if (line != null && lineNumbers.matches(function)) {
            return function + ":" + line;
        }
        return function;
    }
}
