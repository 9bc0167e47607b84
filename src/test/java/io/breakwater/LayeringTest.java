package io.breakwater;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.breakwater.minidump.LayeringViolationFixture;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The package layering: the crash engine (minidump, symbols, stackwalk, signature) is plain Java below the
 * application, and the access policy sits below authentication, which sits below the pages and the API.
 */
class LayeringTest {

    // Production classes only (target/classes): test fixtures, such as the deliberate violation below,
    // must not count. Imported once for all rules.
    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.breakwater");

    static final String[] ENGINE = {
            "io.breakwater.minidump..", "io.breakwater.symbols..", "io.breakwater.stackwalk..",
            "io.breakwater.signature.."};

    // Jackson is deliberately not here: stackwalk (MinidumpAdapter, JSON output) and signature
    // (CrashDataJson, SignatureShutdownTimeout) read and write JSON with it. It is a library, not a framework.
    static final String[] FRAMEWORKS = {
            "io.quarkus..", "jakarta..", "io.vertx..", "io.smallrye..", "org.jboss..", "io.minio..",
            "co.elastic..", "org.elasticsearch.."};

    static final ArchRule ENGINE_USES_NO_FRAMEWORK = noClasses()
            .that().resideInAnyPackage(ENGINE)
            .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
            .as("the engine packages use no framework (Quarkus, Jakarta, Vert.x, SmallRye, JBoss, MinIO, "
                    + "Elasticsearch)");

    // Each engine package, and the Breakwater packages it may use besides itself. Anything else under
    // io.breakwater (collector, storage, ..., the root package, packages yet to come) is above the engine.
    static final ArchRule MINIDUMP_LAYER = engineLayer("minidump");
    static final ArchRule SYMBOLS_LAYER = engineLayer("symbols");
    static final ArchRule STACKWALK_LAYER = engineLayer("stackwalk", "minidump", "symbols");
    static final ArchRule SIGNATURE_LAYER = engineLayer("signature");

    static ArchRule engineLayer(String engine, String... mayUse) {
        List<String> allowed = new ArrayList<>();
        allowed.add("io.breakwater." + engine + "..");
        Arrays.stream(mayUse).map(p -> "io.breakwater." + p + "..").forEach(allowed::add);
        DescribedPredicate<JavaClass> elsewhereInBreakwater = resideInAPackage("io.breakwater..")
                .and(DescribedPredicate.not(resideInAnyPackage(allowed.toArray(String[]::new))))
                .as("reside in io.breakwater outside " + allowed);
        return noClasses()
                .that().resideInAPackage("io.breakwater." + engine + "..")
                .should().dependOnClassesThat(elsewhereInBreakwater)
                .as("io.breakwater." + engine + " uses no Breakwater package but " + allowed);
    }

    @Test
    void importHoldsProductionClassesOnly() {
        assertTrue(PRODUCTION.contain(Breakwater.class), "the application class is imported");
        assertTrue(PRODUCTION.size() > 100, "imported only " + PRODUCTION.size() + " classes");
        assertFalse(PRODUCTION.contain(LayeringViolationFixture.class), "test classes are not imported");
        assertFalse(PRODUCTION.contain(LayeringTest.class), "test classes are not imported");
    }

    @Test
    void engineUsesNoFramework() {
        ENGINE_USES_NO_FRAMEWORK.check(PRODUCTION);
    }

    @Test
    void minidumpUsesNoOtherBreakwaterPackage() {
        MINIDUMP_LAYER.check(PRODUCTION);
    }

    @Test
    void symbolsUsesNoOtherBreakwaterPackage() {
        SYMBOLS_LAYER.check(PRODUCTION);
    }

    @Test
    void stackwalkUsesOnlyMinidumpAndSymbols() {
        STACKWALK_LAYER.check(PRODUCTION);
    }

    @Test
    void signatureUsesNoOtherBreakwaterPackage() {
        SIGNATURE_LAYER.check(PRODUCTION);
    }

    /**
     * A mapping of the bare {@code breakwater} prefix makes SmallRye refuse to start on any {@code breakwater.*} key
     * no mapping knows, such as {@code breakwater.data-dir}, which the embedded services read before Quarkus.
     */
    @Test
    void noConfigMappingTakesTheRootPrefix() {
        List<String> rooted = PRODUCTION.stream()
                .filter(c -> c.isAnnotatedWith(io.smallrye.config.ConfigMapping.class))
                .filter(c -> c.getAnnotationOfType(io.smallrye.config.ConfigMapping.class).prefix().equals("breakwater"))
                .map(JavaClass::getName).toList();
        assertTrue(PRODUCTION.stream().anyMatch(c -> c.isAnnotatedWith(io.smallrye.config.ConfigMapping.class)),
                "the mappings were found");
        assertTrue(rooted.isEmpty(), "mapped at the root prefix: " + rooted);
    }

    @Test
    void topLevelSlicesAreFreeOfCycles() {
        slices().matching("io.breakwater.(*)..").should().beFreeOfCycles().check(PRODUCTION);
    }

    @Test
    void accessPolicyIsBelowAuthenticationPagesAndApi() {
        noClasses().that().resideInAPackage("io.breakwater.access..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.breakwater.auth..", "io.breakwater.web..", "io.breakwater.api..")
                .check(PRODUCTION);
    }

    @Test
    void authenticationIsBelowPagesAndApi() {
        noClasses().that().resideInAPackage("io.breakwater.auth..")
                .should().dependOnClassesThat().resideInAnyPackage("io.breakwater.web..", "io.breakwater.api..")
                .check(PRODUCTION);
    }

    // Rules that pass on everything would pass above too: prove the engine rules see a violation.
    @Test
    void engineRulesCatchTheFixture() {
        JavaClasses fixture = new ClassFileImporter().importClasses(LayeringViolationFixture.class);

        EvaluationResult frameworks = ENGINE_USES_NO_FRAMEWORK.evaluate(fixture);
        assertTrue(frameworks.hasViolation(), "CDI and Quarkus use is reported");
        String report = String.join("\n", frameworks.getFailureReport().getDetails());
        assertTrue(report.contains("jakarta.enterprise.context.ApplicationScoped"), report);
        assertTrue(report.contains("io.quarkus.runtime.StartupEvent"), report);

        EvaluationResult layer = MINIDUMP_LAYER.evaluate(fixture);
        assertTrue(layer.hasViolation(), "use of storage from minidump is reported");
        String layerReport = String.join("\n", layer.getFailureReport().getDetails());
        assertTrue(layerReport.contains("io.breakwater.storage.CrashIds"), layerReport);
    }
}
