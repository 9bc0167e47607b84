package io.breakwater.processor;

import io.breakwater.processor.rules.BadUnicodeRule;
import io.breakwater.processor.rules.CollectorMetadataRule;
import io.breakwater.processor.rules.CpuInfoRule;
import io.breakwater.processor.rules.CrashReportKeysRule;
import io.breakwater.processor.rules.CrashingThreadInfoRule;
import io.breakwater.processor.rules.DatesAndTimesRule;
import io.breakwater.processor.rules.DeNoneRule;
import io.breakwater.processor.rules.DeNullRule;
import io.breakwater.processor.rules.IdentifierRule;
import io.breakwater.processor.rules.MajorVersionRule;
import io.breakwater.processor.rules.MinidumpSha256HashRule;
import io.breakwater.processor.rules.MinidumpStackwalkRule;
import io.breakwater.processor.rules.MissingSymbolsRule;
import io.breakwater.processor.rules.ModulesInStackRule;
import io.breakwater.processor.rules.OsInfoRule;
import io.breakwater.processor.rules.OsPrettyVersionRule;
import io.breakwater.processor.rules.ProcessTypeRule;
import io.breakwater.processor.rules.ProductRule;
import io.breakwater.processor.rules.ReportTypeRule;
import io.breakwater.processor.rules.SignatureRule;
import io.breakwater.processor.rules.ThreadCountRule;
import io.breakwater.processor.rules.TopMostFilesRule;
import io.breakwater.processor.rules.TruncateStacksRule;
import io.breakwater.processor.rules.UserDataRule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The one place where rules are ordered and grouped into named rule sets. */
public final class RuleSets {

    /** Everything: a crash as it arrived from the collector. */
    public static final String DEFAULT = "default";
    /** Only the signature, over the stored processed crash (after a signature-list change). */
    public static final String REGENERATE_SIGNATURE = "regenerate_signature";

    public static final Set<String> NAMES = Set.of(DEFAULT, REGENERATE_SIGNATURE);

    private RuleSets() {}

    public static Map<String, RuleSet> create(DumpWalker walker, SignatureComputer signatures) {
        Map<String, RuleSet> sets = new LinkedHashMap<>();
        sets.put(DEFAULT, new RuleSet(DEFAULT, List.of(
                // Clean the input first: every later rule trusts it.
                new DeNullRule(),
                new DeNoneRule(),
                new BadUnicodeRule(),
                new CrashReportKeysRule(),
                new CollectorMetadataRule(),
                new IdentifierRule(),
                // Annotations to canonical fields.
                new ProductRule(),
                new UserDataRule(),
                new ProcessTypeRule(),
                new DatesAndTimesRule(),
                new MinidumpSha256HashRule(),
                // The dump: walk it, then read what the walk found.
                new MinidumpStackwalkRule(walker),
                new CrashingThreadInfoRule(),
                new TruncateStacksRule(),
                new MajorVersionRule(),
                new ReportTypeRule(),
                new CpuInfoRule(),
                new OsInfoRule(),
                new OsPrettyVersionRule(),
                new TopMostFilesRule(),
                new ModulesInStackRule(),
                new MissingSymbolsRule(),
                new ThreadCountRule(),
                // Last: the signature reads most of the above.
                new SignatureRule(signatures))));
        sets.put(REGENERATE_SIGNATURE, new RuleSet(REGENERATE_SIGNATURE, List.of(
                // The raw crash is re-read from storage, so it is cleaned again before the generator sees it.
                new DeNullRule(),
                new DeNoneRule(),
                new BadUnicodeRule(),
                new SignatureRule(signatures))));
        return Map.copyOf(sets);
    }

    /** Whether {@code name} is a rule set a caller may ask for. */
    public static boolean exists(String name) {
        return NAMES.contains(name);
    }
}
