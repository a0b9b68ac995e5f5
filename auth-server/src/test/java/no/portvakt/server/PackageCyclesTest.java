package no.portvakt.server;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Imports flow one way: inside each module, no package imports, directly or round about, a package that imports
 * it. ({@code representation} is one package; the application's own packages, {@code no.portvakt.server}, are not
 * there yet: issue 19.)
 */
class PackageCyclesTest {

    @ParameterizedTest
    @ValueSource(strings = {"no.portvakt.registry", "no.portvakt.pvk", "no.portvakt.ui"})
    void noPackageImportsOneThatImportsIt(String module) {
        SlicesRuleDefinition.slices().matching(module + ".(*)..").should().beFreeOfCycles()
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages(module));
    }
}
