package no.portvakt.server;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Imports flow one way: inside each module, no package imports, directly or round about, a package that imports
 * it ({@code representation} is one package). The shared vocabulary sits below the features that use it (the
 * settings, the registry's cached view, the claims every token shares), and {@code config} only wires.
 */
class PackageCyclesTest {

    @ParameterizedTest
    @ValueSource(strings = {"no.portvakt.server", "no.portvakt.registry", "no.portvakt.pvk", "no.portvakt.ui"})
    void noPackageImportsOneThatImportsIt(String module) {
        SlicesRuleDefinition.slices().matching(module + ".(*)..").should().beFreeOfCycles()
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages(module));
    }
}
