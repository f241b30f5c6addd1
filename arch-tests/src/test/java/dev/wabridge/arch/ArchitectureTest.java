package dev.wabridge.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The boundaries of docs/architecture.md, checked on every module's main classes, so a
 * forbidden import fails the build instead of a review: transport-api is pure Java; the wire
 * module holds no client or server code; the client reaches storage only through the key
 * store SPI; rpc-server knows no WhatsApp; the daemon names no transport class; no package
 * cycles anywhere.
 */
class ArchitectureTest {
    /** transport-api's packages: the SPI every transport implements. */
    static final String[] TRANSPORT_API = {"dev.wabridge.transport", "dev.wabridge.transport.keys"};
    static final String WIRE = "dev.wabridge.wire..";
    static final String CLIENT = "dev.wabridge.transport.web..";
    static final String SANDBOX = "dev.wabridge.sandbox..";
    static final String RPC = "dev.wabridge.rpc..";
    static final String DAEMON = "dev.wabridge.daemon..";

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.wabridge");
    }

    @Test
    void theWholeCodeBaseIsImported() {
        // Guards the rules below against passing on an empty import.
        for (String pkg : new String[]{"dev.wabridge.transport", "dev.wabridge.wire.binary", "dev.wabridge.transport.web.client",
                "dev.wabridge.sandbox", "dev.wabridge.rpc.http", "dev.wabridge.daemon"}) {
            if (main.stream().noneMatch(c -> c.getPackageName().equals(pkg))) {
                throw new AssertionError("no classes imported from " + pkg);
            }
        }
    }

    @Test
    void transportApiUsesOnlyTheJdk() {
        check(classes().that().resideInAnyPackage(TRANSPORT_API)
                .should().onlyDependOnClassesThat().resideInAnyPackage(with(TRANSPORT_API, "java..")));
    }

    @Test
    void theWireModuleKnowsNeitherClientNorServerNorDaemon() {
        check(noClasses().that().resideInAPackage(WIRE)
                .should().dependOnClassesThat().resideInAnyPackage(CLIENT, SANDBOX, DAEMON, RPC));
    }

    @Test
    void theClientAndTheWireNeverTouchSqlOrFiles() {
        check(noClasses().that().resideInAnyPackage(CLIENT, WIRE)
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "java.nio.file..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
                .because("the transport keeps its state only through the key store SPI"));
    }

    @Test
    void theClientDoesNotUseTheSandbox() {
        check(noClasses().that().resideInAPackage(CLIENT).should().dependOnClassesThat().resideInAPackage(SANDBOX));
    }

    @Test
    void theSandboxIsNotBuiltOnTheClient() {
        check(noClasses().that().resideInAPackage(SANDBOX).should().dependOnClassesThat().resideInAPackage(CLIENT)
                .because("the sandbox must speak WhatsApp's protocol from the shared wire module, not agree with our client"));
    }

    @Test
    void rpcServerKnowsNoWhatsApp() {
        check(noClasses().that().resideInAPackage(RPC)
                .should().dependOnClassesThat().resideInAnyPackage(with(TRANSPORT_API, CLIENT, WIRE, SANDBOX, DAEMON)));
    }

    @Test
    void theDaemonNamesNoTransportImplementation() {
        check(noClasses().that().resideInAPackage(DAEMON)
                .should().dependOnClassesThat().resideInAnyPackage(CLIENT, WIRE)
                .because("the transport is found with ServiceLoader"));
    }

    @Test
    void onlyTheCliStartsTheSandbox() {
        check(noClasses().that().resideInAPackage(DAEMON).and().resideOutsideOfPackage("dev.wabridge.daemon.cli..")
                .should().dependOnClassesThat().resideInAPackage(SANDBOX));
    }

    @Test
    void onlyTheStoreSpeaksSql() {
        check(noClasses().that().resideInAPackage(DAEMON).and().resideOutsideOfPackage("dev.wabridge.daemon.store..")
                .should().dependOnClassesThat().resideInAPackage("java.sql..")
                .because("services and tools use repositories, so a PostgreSQL store can stand beside the SQLite one"));
    }

    @Test
    void onlyTheSqliteStoreNamesSqlite() {
        check(noClasses().that().resideInAPackage(DAEMON).and().resideOutsideOfPackage("dev.wabridge.daemon.store.sqlite..")
                .and().resideOutsideOfPackage("dev.wabridge.daemon.cli..").and().doNotHaveSimpleName("Daemon")
                .should().dependOnClassesThat().resideInAnyPackage("dev.wabridge.daemon.store.sqlite..", "org.sqlite.."));
    }

    @Test
    void noPackageCycles() {
        check(slices().matching("dev.wabridge.(**)").should().beFreeOfCycles());
    }

    private static void check(ArchRule rule) {
        rule.check(main);
    }

    private static String[] with(String[] base, String... more) {
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }
}
