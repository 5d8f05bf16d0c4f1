package io.gomsggw.server.seams;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The module seams of DESIGN.md as ArchUnit rules over the packages under a root ({@code io.gomsggw}
 * for the real code, a fixture root in the tests that show the rules can fail):
 *
 * <ul>
 *   <li>core imports no protocol module, no Netty and no Jackson;
 *   <li>a codec package ({@code smpp.pdu}, {@code smpp.charset}, {@code smpp.text}, {@code mm4.codec})
 *       imports no Netty channel, no router, no pipeline or dispatcher, no store;
 *   <li>a protocol module imports only core and its own packages (the server wires them all);
 *   <li>no cycles between packages.
 * </ul>
 */
final class SeamRules {
    /** The modules that may import nothing of the gateway but core and themselves. */
    static final List<String> PROTOCOL_MODULES = List.of("smpp", "mm4", "http", "transcode", "carriers");

    static final List<String> CODEC_PACKAGES = List.of("smpp.pdu", "smpp.charset", "smpp.text", "mm4.codec");

    private SeamRules() {}

    static List<ArchRule> all(String root) {
        List<ArchRule> rules = new ArrayList<>();
        rules.add(coreImportsNoProtocolNettyOrJackson(root));
        for (String codec : CODEC_PACKAGES) {
            rules.add(codecIsPure(root, codec));
        }
        for (String module : PROTOCOL_MODULES) {
            rules.add(moduleImportsOnlyCoreAndItself(root, module));
        }
        rules.add(noPackageCycles(root));
        return rules;
    }

    static ArchRule coreImportsNoProtocolNettyOrJackson(String root) {
        List<String> forbidden = new ArrayList<>();
        for (String module : PROTOCOL_MODULES) {
            forbidden.add(root + "." + module + "..");
        }
        forbidden.add(root + ".server..");
        forbidden.add("io.netty..");
        forbidden.add("com.fasterxml.jackson..");
        return noClasses()
                .that()
                .resideInAPackage(root + ".core..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(forbidden.toArray(String[]::new))
                .because("core knows no protocol (DESIGN.md: dependencies point toward core)");
    }

    static ArchRule codecIsPure(String root, String codec) {
        return noClasses()
                .that()
                .resideInAPackage(root + "." + codec + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.netty.channel..",
                        "io.netty.bootstrap..",
                        root + ".core.routing..",
                        root + ".core.pipeline..",
                        root + ".core.dispatch..",
                        root + ".core.store..")
                .because("a codec package is bytes in, objects out: no channel, router or store")
                .allowEmptyShould(true);
    }

    static ArchRule moduleImportsOnlyCoreAndItself(String root, String module) {
        List<String> others = new ArrayList<>();
        for (String other : PROTOCOL_MODULES) {
            if (!other.equals(module)) {
                others.add(root + "." + other + "..");
            }
        }
        others.add(root + ".server..");
        return noClasses()
                .that()
                .resideInAPackage(root + "." + module + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(others.toArray(String[]::new))
                .because("protocol modules meet only in core; the server wires them")
                .allowEmptyShould(true);
    }

    static ArchRule noPackageCycles(String root) {
        return slices().matching(root + ".(**)")
                .should()
                .beFreeOfCycles()
                .because("a package cycle makes the layers impossible to read or split");
    }
}
