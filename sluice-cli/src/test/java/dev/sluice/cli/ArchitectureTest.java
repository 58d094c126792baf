package dev.sluice.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules of ARCHITECTURE.md, checked on the compiled main classes of every module on the CLI's class path (all but
 * sluice-bench and sluice-dist). Each module owns the package {@code dev.sluice.<module>}; a failure names the class
 * and the dependency that breaks the rule. When a rule must change, change ARCHITECTURE.md with it.
 */
class ArchitectureTest {
    /** What each module's main code may use of the other modules: the module map of ARCHITECTURE.md. */
    static final Map<String, Set<String>> MAY_USE = new LinkedHashMap<>();

    static {
        MAY_USE.put("core", Set.of());
        MAY_USE.put("store", Set.of("core"));
        MAY_USE.put("auth", Set.of("core", "store"));
        MAY_USE.put("http", Set.of("core", "auth"));
        MAY_USE.put("dataverse", Set.of("core", "store", "auth", "http"));
        MAY_USE.put("businesscentral", Set.of("core", "store", "auth", "http"));
        MAY_USE.put("emulator", Set.of("core"));
        MAY_USE.put("testclock", Set.of());
        MAY_USE.put("testing", Set.of("core", "emulator", "testclock"));
        MAY_USE.put("flow", Set.of("core", "store", "auth", "http", "dataverse", "businesscentral"));
        MAY_USE.put("relay", Set.of("core"));
        MAY_USE.put("server", Set.of("core", "store", "auth", "http", "dataverse", "businesscentral", "flow"));
        MAY_USE.put("cli", Set.of("core", "store", "auth", "http", "dataverse", "businesscentral", "flow", "emulator",
                "relay", "server"));
    }

    /**
     * The only parts of sluice-core the emulator shares with the client: protocol constants, {@code Secret}, and
     * {@code ServerTls} (the reloading TLS certificate {@code sluice emulator --tls-cert} serves, as the server does).
     */
    static final List<String> EMULATOR_MAY_USE_OF_CORE = List.of("dev.sluice.core.DataverseErrorCodes",
            "dev.sluice.core.DataverseHeaders", "dev.sluice.core.Secret", "dev.sluice.core.ServerTls");

    /** Main classes that may write to the process's console: the CLI, and the server builder's default console. */
    static final List<String> CONSOLE = List.of("dev.sluice.cli..", "dev.sluice.server.SluiceServerBuilder");

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.sluice");
    }

    @Test
    void everyModuleOnTheClassPathIsImportedAndInTheMap() {
        Set<String> seen = main.stream().map(ArchitectureTest::module).collect(Collectors.toCollection(TreeSet::new));
        assertThat(seen).containsExactlyInAnyOrderElementsOf(MAY_USE.keySet());
    }

    @Test
    void modulesUseOnlyTheModulesBelowThem() {
        for (Map.Entry<String, Set<String>> e : MAY_USE.entrySet()) {
            String module = e.getKey();
            Set<String> forbidden = new TreeSet<>(MAY_USE.keySet());
            forbidden.remove(module);
            forbidden.removeAll(e.getValue());
            forbidden.add("bench");
            String[] packages = forbidden.stream().map(m -> "dev.sluice." + m + "..").toArray(String[]::new);
            ArchRule rule = noClasses().that().resideInAPackage("dev.sluice." + module + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(packages)
                    .because("sluice-" + module + " may use only " + e.getValue() + " (ARCHITECTURE.md, the module map)");
            rule.check(main);
        }
    }

    @Test
    void noModuleUsesAnotherModulesInternalPackages() {
        for (String module : MAY_USE.keySet()) {
            ArchRule rule = noClasses().that().resideOutsideOfPackage("dev.sluice." + module + "..")
                    .should().dependOnClassesThat().resideInAPackage("dev.sluice." + module + ".internal..")
                    .because("a module's internal packages are not its API (ARCHITECTURE.md)");
            rule.check(main);
        }
    }

    @Test
    void theEmulatorSharesOnlyProtocolConstantsWithTheClient() {
        DescribedPredicate<JavaClass> allowed = DescribedPredicate.describe("the protocol constants, Secret or ServerTls",
                c -> EMULATOR_MAY_USE_OF_CORE.contains(c.getName())
                        || EMULATOR_MAY_USE_OF_CORE.stream().anyMatch(n -> c.getName().startsWith(n + "$")));
        ArchRule rule = classes().that().resideInAPackage("dev.sluice.emulator..")
                .should().onlyDependOnClassesThat(DescribedPredicate.not(
                        com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage("dev.sluice.core.."))
                        .or(allowed))
                .because("the emulator is judged against the real service, not fitted to the client's code");
        rule.check(main);
    }

    @Test
    void onlyTheCliWritesToTheConsole() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage(CONSOLE.get(0))
                .and().doNotHaveFullyQualifiedName(CONSOLE.get(1))
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .because("libraries log through SLF4J; the console belongs to the command the user ran");
        rule.check(main);
    }

    /** The module a class belongs to: the package part after {@code dev.sluice}. */
    static String module(JavaClass c) {
        String rest = c.getPackageName().substring("dev.sluice.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
