package dev.avalon.core.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

@DisplayName("avalon-core is the inside of the hexagon")
class CoreIsPureTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.avalon.core");

    @Test
    @DisplayName("core touches no files, sockets, threads or clocks of its own")
    void noIo() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.avalon.core..")
                .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.net..", "java.sql..",
                        "java.nio.channels..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileInputStream")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileOutputStream")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.RandomAccessFile")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.Thread")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.Timer")
                .orShould().dependOnClassesThat().haveSimpleNameContaining("ExecutorService")
                .orShould().dependOnClassesThat().haveSimpleName("Executors")
                .orShould().dependOnClassesThat().haveSimpleName("CompletableFuture")
                .because("core does no I/O and starts no threads; adapters do");
        rule.check(CORE);
    }

    @Test
    @DisplayName("core never reads the system clock: time comes from the injected Clock")
    void noSystemClock() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.avalon.core..")
                .should().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.LocalDate.class, "now")
                .orShould().callMethod(java.time.LocalDateTime.class, "now")
                .orShould().callMethod(java.time.ZonedDateTime.class, "now")
                .orShould().callMethod(java.time.OffsetDateTime.class, "now")
                .orShould().callMethod(java.time.Clock.class, "systemUTC")
                .orShould().callMethod(java.time.Clock.class, "systemDefaultZone")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .because("an injected Clock makes every time decision testable");
        rule.check(CORE);
    }

    @Test
    @DisplayName("core uses no adapter library (JGit, POI, ical4j, mail)")
    void noAdapterLibraries() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.avalon.core..")
                .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.jgit..", "org.apache.poi..",
                        "net.fortuna..", "jakarta.mail..", "org.eclipse.angus..");
        rule.check(CORE);
    }

    @Test
    @DisplayName("nothing outside a package uses its .internal")
    void internalsStayInside() {
        ArchRule siblings = noClasses().that().resideInAPackage("dev.avalon.core.(*)..")
                .and().resideOutsideOfPackage("dev.avalon.core.internal..")
                .should().dependOnClassesThat().resideInAPackage("dev.avalon.core.internal..")
                .because("only the facade in dev.avalon.core wires the internals");
        siblings.check(CORE);
    }

    @Test
    @DisplayName("no two packages of core depend on each other, directly or through others, the root package included")
    void noPackageCycles() {
        // every package is its own slice: "dev.avalon.core" itself as well as each sub-package
        ArchRule rule = slices().assignedFrom(new com.tngtech.archunit.library.dependencies.SliceAssignment() {
                    @Override
                    public com.tngtech.archunit.library.dependencies.SliceIdentifier getIdentifierOf(
                            com.tngtech.archunit.core.domain.JavaClass javaClass) {
                        String pkg = javaClass.getPackageName();
                        return pkg.startsWith("dev.avalon.core")
                                ? com.tngtech.archunit.library.dependencies.SliceIdentifier.of(pkg)
                                : com.tngtech.archunit.library.dependencies.SliceIdentifier.ignore();
                    }

                    @Override
                    public String getDescription() {
                        return "every package of avalon-core";
                    }
                }).should().beFreeOfCycles()
                .because("a package that needs another which needs it back cannot be understood or replaced alone");
        rule.check(CORE);
    }
}
